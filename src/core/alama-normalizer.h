/* alama-normalizer.h: Arabic orthographic normalization for features.
 *
 * Used to compute features and to compare words, never for output: the
 * text shown or written is always the original.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The normalized form of a word is rarely longer than the word itself (a
 * lam-alef ligature becomes two letters, a few Latin case mappings grow);
 * this bound holds for all inputs. */
#define ALAMA_NORMALIZED_MAX(len) ((len) * 2 + 4)

gsize alama_normalize (const char *word,
                       gsize       len,
                       char       *out,
                       gsize       out_size);

char *alama_normalize_dup (const char *word,
                           gssize      len);

G_END_DECLS
