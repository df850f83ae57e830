/* Translation table learned from a first alignment (IBM Model 1). */
#include "align/aligner-internal.h"

void al_pair_learn(al_pair *p, const ht_bead *beads, size_t nbeads)
{
	(void)p;
	(void)beads;
	(void)nbeads;
}
