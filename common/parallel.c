/* Parallel loops (see parallel.h): a shared atomic counter hands out items. */
#include "common/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

typedef struct loop {
	atomic_size_t next;
	size_t n;
	ht_item_fn fn;
	void *ctx;
} loop;

typedef struct worker {
	loop *lp;
	size_t id;
	pthread_t thread;
} worker;

static void run_items(loop *lp, size_t id)
{
	for (size_t i; (i = atomic_fetch_add(&lp->next, 1)) < lp->n;)
		lp->fn(lp->ctx, i, id);
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	run_items(w->lp, w->id);
	return NULL;
}

size_t ht_threads_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > HT_MAX_THREADS ? HT_MAX_THREADS : (size_t)n;
}

void ht_parallel_for(size_t n, size_t threads, ht_item_fn fn, void *ctx)
{
	if (threads == 0)
		threads = ht_threads_default();
	if (threads > HT_MAX_THREADS)
		threads = HT_MAX_THREADS;
	if (threads > n)
		threads = n;
	loop lp = {.n = n, .fn = fn, .ctx = ctx};
	atomic_init(&lp.next, 0);
	worker w[HT_MAX_THREADS];
	size_t started = 0;
	for (size_t k = 1; k < threads; k++) {
		w[started] = (worker){.lp = &lp, .id = started + 1};
		if (pthread_create(&w[started].thread, NULL, worker_main, &w[started]) == 0)
			started++;
	}
	run_items(&lp, 0);
	for (size_t k = 0; k < started; k++)
		pthread_join(w[k].thread, NULL);
}
