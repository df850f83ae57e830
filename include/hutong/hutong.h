/* hutong — segmentation, alignment and terminology of official multilingual
 * documents.  Include this header for the whole public API. */
#ifndef HUTONG_H
#define HUTONG_H

#include "hutong/common.h"
#include "hutong/segment.h"
#include "hutong/sentence.h"
#include "hutong/dict.h"
#include "hutong/align.h"
#include "hutong/docalign.h"
#include "hutong/tm.h"
#include "hutong/terms.h"
#include "hutong/glossary.h"
#include "hutong/bilingual.h"
#include "hutong/termbase.h"
#include "hutong/store.h"
#include "hutong/build.h"
#include "hutong/lookup.h"

#endif
