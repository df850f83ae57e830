/* Parallel loops over independent items (pthreads).
 *
 * Work is split so that results never depend on the number of threads: each
 * item writes only its own output slot and its worker's scratch, and the
 * caller combines the slots in item order afterwards. */
#ifndef HT_PARALLEL_H
#define HT_PARALLEL_H

#include <stddef.h>

/* Most worker threads a loop uses. */
#define HT_MAX_THREADS 64

/* The thread count meant by 0 ("one per processor"): the online processors,
 * between 1 and HT_MAX_THREADS. */
size_t ht_threads_default(void);

/* fn(ctx, item, worker) for one item on one worker: worker < the loop's
 * thread count, and no two calls run on the same worker at once. */
typedef void (*ht_item_fn)(void *ctx, size_t item, size_t worker);

/* Call fn for every item in [0, n) on up to `threads` threads (0: the
 * default), the calling thread being worker 0.  Items are handed out one at
 * a time in order, so uneven items balance.  Returns when all are done.  If a
 * thread cannot be started, the workers that run (at least the caller) take
 * its items: the loop always completes. */
void ht_parallel_for(size_t n, size_t threads, ht_item_fn fn, void *ctx);

#endif
