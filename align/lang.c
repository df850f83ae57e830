/* Placeholder until language identification lands. */
#include "hutong/sentence.h"

const char *ht_lang_from_filename(const char *path) { return NULL; }
const char *ht_lang_detect(const char *text, size_t len) { return "und"; }
