/* test-conll-reader.c: tests for the CoNLL reader.
 *
 * Inputs are read from memory with fmemopen(), given with their length so
 * that they may hold NUL bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "alama-conll-reader.h"

typedef struct
{
  FILE *stream;
  AlamaConllReader *reader;
} Input;

static void
input_open (Input      *input,
            const char *data,
            gsize       len)
{
  /* fmemopen() refuses an empty buffer on some systems. */
  static char empty[1];

  input->stream = fmemopen (len ? (void *) data : empty, len ? len : 1, "r");
  g_assert_nonnull (input->stream);
  if (len == 0)
    fgetc (input->stream);
  input->reader = alama_conll_reader_new (input->stream, "input.conll");
}

static void
input_close (Input *input)
{
  alama_conll_reader_free (input->reader);
  fclose (input->stream);
}

/* Reads the next sentence and compares it with @expected, written as
 * "word/tag word/tag …" (a word without a tag as "word/"). */
static void
expect_sentence (Input      *input,
                 const char *expected,
                 guint       first_line)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) items = g_strsplit (expected, " ", -1);
  const char *const *words;
  const char *const *tags;

  g_assert_true (alama_conll_reader_next (input->reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alama_conll_reader_get_n_words (input->reader), ==, g_strv_length (items));
  words = alama_conll_reader_get_words (input->reader);
  tags = alama_conll_reader_get_tags (input->reader);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *slash = strrchr (items[i], '/');
      g_autofree char *word = g_strndup (items[i], (gsize) (slash - items[i]));

      g_assert_cmpstr (words[i], ==, word);
      if (slash[1] == '\0')
        g_assert_null (tags[i]);
      else
        g_assert_cmpstr (tags[i], ==, slash + 1);
    }
  g_assert_cmpuint (alama_conll_reader_get_first_line (input->reader), ==, first_line);
}

static void
expect_end (Input *input)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (alama_conll_reader_next (input->reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alama_conll_reader_get_n_words (input->reader), ==, 0);
  /* And it stays at the end. */
  g_assert_false (alama_conll_reader_next (input->reader, &error));
  g_assert_no_error (error);
}

static void
test_basic (void)
{
  static const char text[] =
    "قال O\n"
    "محمد B-PERS\n"
    "علي I-PERS\n"
    "\n"
    "في O\n"
    "بيروت B-LOC\n";
  Input input;

  input_open (&input, text, strlen (text));
  expect_sentence (&input, "قال/O محمد/B-PERS علي/I-PERS", 1);
  expect_sentence (&input, "في/O بيروت/B-LOC", 5);
  expect_end (&input);
  input_close (&input);
}

static void
test_columns (void)
{
  static const char text[] =
    "محمد NNP B-NP B-PERS\n"   /* the tag is the last column */
    "علي\tNNP\tI-PERS\n"        /* tabs */
    "  زار   VBD   O  \n"       /* padding around and between columns */
    "بيروت \t B-LOC\n"          /* mixed separators */
    "أمس\n"                      /* no tag */
    "\n";
  Input input;

  input_open (&input, text, strlen (text));
  expect_sentence (&input, "محمد/B-PERS علي/I-PERS زار/O بيروت/B-LOC أمس/", 1);
  expect_end (&input);
  input_close (&input);
}

static void
test_crlf (void)
{
  static const char text[] =
    "محمد B-PERS\r\n"
    "علي I-PERS\r\n"
    "\r\n"
    "بيروت\tB-LOC\r\n"
    "\r\n";
  Input input;

  input_open (&input, text, strlen (text));
  expect_sentence (&input, "محمد/B-PERS علي/I-PERS", 1);
  expect_sentence (&input, "بيروت/B-LOC", 4);
  expect_end (&input);
  input_close (&input);
}

static void
test_bom (void)
{
  static const char text[] =
    "\xef\xbb\xbf" "محمد B-PERS\n"
    "علي I-PERS\n";
  static const char bom_blank[] =
    "\xef\xbb\xbf\n"
    "بيروت B-LOC\n";
  Input input;

  input_open (&input, text, strlen (text));
  expect_sentence (&input, "محمد/B-PERS علي/I-PERS", 1);
  expect_end (&input);
  input_close (&input);

  /* A BOM alone on the first line is a blank line. */
  input_open (&input, bom_blank, strlen (bom_blank));
  expect_sentence (&input, "بيروت/B-LOC", 2);
  expect_end (&input);
  input_close (&input);
}

static void
test_blank_lines (void)
{
  static const char text[] =
    "\n"
    "\n"
    "محمد B-PERS\n"
    "\n"
    "   \n"
    "\t\n"
    "\r\n"
    "\n"
    "بيروت B-LOC\n"
    "\n"
    "\n";
  Input input;

  /* Runs of blank lines, even with spaces, make no empty sentences. */
  input_open (&input, text, strlen (text));
  expect_sentence (&input, "محمد/B-PERS", 3);
  expect_sentence (&input, "بيروت/B-LOC", 9);
  expect_end (&input);
  input_close (&input);
}

static void
test_docstart (void)
{
  static const char text[] =
    "-DOCSTART- -X- O O\n"
    "\n"
    "محمد B-PERS\n"
    "-DOCSTART- O\n"
    "بيروت B-LOC\n"
    "\n"
    "-DOCSTART-\n";
  static const char second[] = "a O\n\nb O\n-DOCSTART-\n\n\nc O\n\nd O\n";
  Input input;

  /* A document boundary also ends a sentence, and the sentence after it
   * says that it starts a document. */
  input_open (&input, text, strlen (text));
  expect_sentence (&input, "محمد/B-PERS", 3);
  g_assert_true (alama_conll_reader_starts_document (input.reader));
  expect_sentence (&input, "بيروت/B-LOC", 5);
  g_assert_true (alama_conll_reader_starts_document (input.reader));
  expect_end (&input);
  input_close (&input);

  input_open (&input, second, strlen (second));
  expect_sentence (&input, "a/O", 1);
  g_assert_false (alama_conll_reader_starts_document (input.reader));
  expect_sentence (&input, "b/O", 3);
  g_assert_false (alama_conll_reader_starts_document (input.reader));
  expect_sentence (&input, "c/O", 7);
  g_assert_true (alama_conll_reader_starts_document (input.reader));
  expect_sentence (&input, "d/O", 9);
  g_assert_false (alama_conll_reader_starts_document (input.reader));
  expect_end (&input);
  input_close (&input);
}

static void
test_no_final_newline (void)
{
  static const char text[] =
    "محمد B-PERS\n"
    "\n"
    "في O\n"
    "بيروت B-LOC";
  static const char crlf[] = "بيروت B-LOC\r";
  Input input;

  input_open (&input, text, strlen (text));
  expect_sentence (&input, "محمد/B-PERS", 1);
  expect_sentence (&input, "في/O بيروت/B-LOC", 3);
  expect_end (&input);
  input_close (&input);

  input_open (&input, crlf, strlen (crlf));
  expect_sentence (&input, "بيروت/B-LOC", 1);
  expect_end (&input);
  input_close (&input);
}

static void
test_empty (void)
{
  static const char blank[] = "\n\n  \n";
  Input input;

  input_open (&input, "", 0);
  expect_end (&input);
  input_close (&input);

  input_open (&input, blank, strlen (blank));
  expect_end (&input);
  input_close (&input);
}

/* Each sentence's words stay valid until the next call, however many
 * there are. */
static void
test_long_sentence (void)
{
  GString *text = g_string_new (NULL);
  Input input;
  g_autoptr (GError) error = NULL;
  const char *const *words;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "كلمة%u O\n", i);
  g_string_append (text, "\nآخر O\n");
  input_open (&input, text->str, text->len);
  g_assert_true (alama_conll_reader_next (input.reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alama_conll_reader_get_n_words (input.reader), ==, 5000);
  words = alama_conll_reader_get_words (input.reader);
  g_assert_cmpstr (words[0], ==, "كلمة0");
  g_assert_cmpstr (words[4999], ==, "كلمة4999");
  expect_sentence (&input, "آخر/O", 5002);
  expect_end (&input);
  input_close (&input);
  g_string_free (text, TRUE);
}

static void
expect_error (const char *data,
              gsize       len,
              guint       n_sentences_before,
              int         code,
              const char *prefix)
{
  g_autoptr (GError) error = NULL;
  Input input;

  input_open (&input, data, len);
  for (guint i = 0; i < n_sentences_before; i++)
    {
      g_assert_true (alama_conll_reader_next (input.reader, &error));
      g_assert_no_error (error);
    }
  g_assert_false (alama_conll_reader_next (input.reader, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  input_close (&input);
}

static void
test_invalid_utf8 (void)
{
  static const char text[] =
    "محمد B-PERS\n"
    "\n"
    "ab\xff B-LOC\n";
  static const char latin1[] = "Beyrouth B-LOC\nM\xe9xico B-LOC\n";
  static const char overlong[] = "\xc0\xaf O\n";
  static const char surrogate[] = "x O\n\xed\xa0\x80 O\n";
  static const char cut[] = "بيروت B-LOC\n\xd8";

  expect_error (text, strlen (text), 1, ALAMA_FORMAT_ERROR_ENCODING, "input.conll:3:3: ");
  expect_error (latin1, strlen (latin1), 0, ALAMA_FORMAT_ERROR_ENCODING, "input.conll:2:2: ");
  expect_error (overlong, strlen (overlong), 0, ALAMA_FORMAT_ERROR_ENCODING,
                "input.conll:1:1: ");
  expect_error (surrogate, strlen (surrogate), 0, ALAMA_FORMAT_ERROR_ENCODING,
                "input.conll:2:1: ");
  expect_error (cut, sizeof cut - 1, 0, ALAMA_FORMAT_ERROR_ENCODING, "input.conll:2:1: ");
}

static void
test_nul_byte (void)
{
  static const char text[] = "محمد B-PERS\nبيروت\0 B-LOC\n";
  static const char first[] = "\0\n";

  expect_error (text, sizeof text - 1, 0, ALAMA_FORMAT_ERROR_ENCODING, "input.conll:2:");
  expect_error (first, sizeof first - 1, 0, ALAMA_FORMAT_ERROR_ENCODING, "input.conll:1:");
}

static void
test_file (void)
{
  static const char text[] = "محمد B-PERS\n\nبيروت B-LOC\n";
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("alama-test-conll-XXXXXX.conll", &path, &error);
  FILE *stream;
  g_autoptr (AlamaConllReader) reader = NULL;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (int) strlen (text));
  close (fd);
  stream = fopen (path, "r");
  g_assert_nonnull (stream);
  reader = alama_conll_reader_new (stream, path);
  while (alama_conll_reader_next (reader, &error))
    n++;
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  fclose (stream);
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/conll-reader/basic", test_basic);
  g_test_add_func ("/alama/conll-reader/columns", test_columns);
  g_test_add_func ("/alama/conll-reader/crlf", test_crlf);
  g_test_add_func ("/alama/conll-reader/bom", test_bom);
  g_test_add_func ("/alama/conll-reader/blank-lines", test_blank_lines);
  g_test_add_func ("/alama/conll-reader/docstart", test_docstart);
  g_test_add_func ("/alama/conll-reader/no-final-newline", test_no_final_newline);
  g_test_add_func ("/alama/conll-reader/empty", test_empty);
  g_test_add_func ("/alama/conll-reader/long-sentence", test_long_sentence);
  g_test_add_func ("/alama/conll-reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/alama/conll-reader/nul-byte", test_nul_byte);
  g_test_add_func ("/alama/conll-reader/file", test_file);

  return g_test_run ();
}
