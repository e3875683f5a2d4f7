/* cmd-extract.c: alama-ner extract — names and dates in raw text.
 *
 * Plain files are read in chunks that end at a line break (sentences never
 * cross one), so memory stays bounded whatever the file size.  JSON Lines
 * input goes through a pool of worker threads, each with its own
 * recognizer, in batches whose results are written back in input order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-export.h"
#include "alama-json.h"
#include "alama-recognizer.h"
#include "alama-text-decoder.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-document.h"

typedef enum
{
  FORMAT_TSV,
  FORMAT_JSON,
  FORMAT_JSONL,
  FORMAT_DOCUMENT, /* a whole annotated document: xml, tei or conll */
} Format;

#define CHUNK_SIZE (1 << 20)
#define BATCH_LINES 64

static void
write_entities (GString    *out,
                Format      format,
                GArray     *entities,
                const char *text,
                gsize       char_base,
                gboolean   *first)
{
  for (guint i = 0; i < entities->len; i++)
    {
      AlamaEntity e = g_array_index (entities, AlamaEntity, i);

      e.start_char += char_base;
      e.end_char += char_base;
      if (format == FORMAT_TSV)
        {
          g_string_append_printf (out, "%" G_GSIZE_FORMAT "\t%" G_GSIZE_FORMAT "\t%s\t",
                                  e.start_char, e.end_char, e.type);
          alama_tsv_escape_append (out, text + e.start_byte, e.end_byte - e.start_byte);
          g_string_append_c (out, '\n');
        }
      else
        {
          if (!*first)
            g_string_append_c (out, ',');
          *first = FALSE;
          g_string_append (out, "\n    ");
          alama_json_append_entity (out, &e, text);
        }
    }
}

static gboolean
flush_output (GString *out)
{
  if (out->len && fwrite (out->str, 1, out->len, stdout) != out->len)
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

/* Reads what is left of @in after the @filled bytes already in @buffer. */
static gboolean
read_rest (FILE   *in,
           char  **buffer,
           gsize  *size,
           gsize  *filled)
{
  for (;;)
    {
      gsize n;

      if (*filled == *size)
        {
          *size *= 2;
          *buffer = g_realloc (*buffer, *size);
        }
      n = fread (*buffer + *filled, 1, *size - *filled, in);
      *filled += n;
      if (n == 0)
        return !ferror (in);
    }
}

static gboolean
starts_with_utf16_bom (const char *buffer,
                       gsize       filled)
{
  return filled >= 2
         && ((buffer[0] == '\xff' && buffer[1] == '\xfe')
             || (buffer[0] == '\xfe' && buffer[1] == '\xff'));
}

/* Recognizes one plain-text file, chunk by chunk.  A file in another
 * encoding than UTF-8 (named with --encoding, or found not to be UTF-8 in
 * its first chunk) is read whole and decoded first. */
static int
extract_file (AlamaRecognizer *recognizer,
              const char      *path,
              const char      *encoding,
              Format           format,
              gboolean         many,
              gboolean         last)
{
  gboolean is_stdin = strcmp (path, "-") == 0;
  FILE *in = is_stdin ? stdin : fopen (path, "rb");
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  g_autofree char *buffer = NULL;
  gsize size = CHUNK_SIZE;
  gsize filled = 0;
  guint64 byte_base = 0;
  gsize char_base = 0;
  gboolean first = TRUE;
  gboolean eof = FALSE;
  int status = CLI_EXIT_OK;

  if (in == NULL)
    {
      cli_error ("%s: %s", path, g_strerror (errno));
      return CLI_EXIT_FAILURE;
    }
  if (format == FORMAT_TSV && many)
    g_string_append_printf (out, "# %s\n", path);
  else if (format == FORMAT_JSON)
    {
      g_string_append (out, many ? "  {\"file\":" : "{\"file\":");
      alama_json_append_string (out, path, -1);
      g_string_append (out, ",\"entities\":[");
    }

  buffer = g_malloc (size);
  while (!eof || filled > 0)
    {
      gsize n;
      gsize cut;
      const char *bad;

      if (!eof)
        {
          n = fread (buffer + filled, 1, size - filled, in);
          filled += n;
          if (n == 0)
            {
              if (ferror (in))
                {
                  cli_error ("%s: %s", path, g_strerror (errno));
                  status = CLI_EXIT_FAILURE;
                  break;
                }
              eof = TRUE;
            }
        }
      /* Cut after the last line break; a chunk with none grows until one
       * comes or the file ends. */
      cut = filled;
      if (!eof)
        {
          while (cut > 0 && buffer[cut - 1] != '\n')
            cut--;
          if (cut == 0)
            {
              if (filled == size)
                {
                  size *= 2;
                  buffer = g_realloc (buffer, size);
                }
              continue;
            }
        }
      if (byte_base == 0
          && ((encoding && g_ascii_strcasecmp (encoding, "UTF-8") != 0
               && g_ascii_strcasecmp (encoding, "UTF8") != 0)
              || starts_with_utf16_bom (buffer, filled)
              || !g_utf8_validate_len (buffer, cut, NULL)))
        {
          g_autoptr (AlamaDecodedText) decoded = NULL;
          g_autoptr (GError) error = NULL;

          if (!eof && !read_rest (in, &buffer, &size, &filled))
            {
              cli_error ("%s: %s", path, g_strerror (errno));
              status = CLI_EXIT_FAILURE;
              break;
            }
          decoded = alama_text_decode ((const guint8 *) buffer, filled, encoding, &error);
          if (decoded == NULL)
            {
              cli_error ("%s: %s", path, error->message);
              status = CLI_EXIT_FAILURE;
              break;
            }
          alama_recognizer_recognize (recognizer, decoded->text, decoded->len, entities);
          write_entities (out, format, entities, decoded->text, 0, &first);
          if (!flush_output (out))
            {
              cli_error ("writing the output: %s", g_strerror (errno));
              status = CLI_EXIT_FAILURE;
            }
          break;
        }
      if (!g_utf8_validate_len (buffer, cut, &bad))
        {
          cli_error ("%s: invalid UTF-8 at byte %" G_GUINT64_FORMAT
                     " (the file starts as UTF-8; name its encoding with --encoding)",
                     path, byte_base + (guint64) (bad - buffer));
          status = CLI_EXIT_FAILURE;
          break;
        }
      g_array_set_size (entities, 0);
      alama_recognizer_recognize (recognizer, buffer, cut, entities);
      write_entities (out, format, entities, buffer, char_base, &first);
      if (!flush_output (out))
        {
          cli_error ("writing the output: %s", g_strerror (errno));
          status = CLI_EXIT_FAILURE;
          break;
        }
      char_base += (gsize) g_utf8_strlen (buffer, (gssize) cut);
      byte_base += cut;
      memmove (buffer, buffer + cut, filled - cut);
      filled -= cut;
    }
  if (!is_stdin)
    fclose (in);
  if (format == FORMAT_JSON)
    g_string_append_printf (out, "%s]}%s\n", first ? "" : "\n  ", many && !last ? "," : "");
  if (!flush_output (out))
    status = CLI_EXIT_FAILURE;
  return status;
}

/* JSON Lines: a batch of input lines and, once processed, their output. */
typedef struct
{
  guint64 seq;
  guint64 first_line;
  GPtrArray *lines;
  GString *out;
  guint errors;
} Batch;

static Batch *
batch_new (guint64 seq,
           guint64 first_line)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->seq = seq;
  batch->first_line = first_line;
  batch->lines = g_ptr_array_new_with_free_func (g_free);
  batch->out = g_string_new (NULL);
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->lines);
  g_string_free (batch->out, TRUE);
  g_free (batch);
}

typedef struct
{
  AlamaModel *model;
  gboolean dates;
  GAsyncQueue *work;   /* Batch, or the stop sentinel */
  GAsyncQueue *done;   /* Batch, or the stop sentinel */
  GAsyncQueue *slots;  /* tokens bounding the batches in flight */
} Pipeline;

/* A queue item that is not a batch and tells a thread to stop. */
static Batch stop_sentinel;

static void
line_error (Batch      *batch,
            guint64     line,
            JsonNode   *id,
            const char *message)
{
  g_autofree char *id_text = id ? json_to_string (id, FALSE) : g_strdup ("null");

  g_string_append_printf (batch->out, "{\"id\":%s,\"line\":%" G_GUINT64_FORMAT ",\"error\":", id_text,
                          line);
  alama_json_append_string (batch->out, message, -1);
  g_string_append (batch->out, "}\n");
  batch->errors++;
}

static void
process_line (AlamaRecognizer *recognizer,
              JsonParser      *parser,
              GArray          *entities,
              Batch           *batch,
              guint64          line_number,
              const char      *line)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *id = NULL;
  JsonNode *text_node;
  const char *text;
  g_autofree char *id_text = NULL;
  gboolean first = TRUE;

  if (!json_parser_load_from_data (parser, line, -1, &error))
    {
      line_error (batch, line_number, NULL, error->message);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      line_error (batch, line_number, NULL, "expected an object {\"id\": …, \"text\": …}");
      return;
    }
  object = json_node_get_object (root);
  id = json_object_get_member (object, "id");
  text_node = json_object_get_member (object, "text");
  if (text_node == NULL || !JSON_NODE_HOLDS_VALUE (text_node)
      || json_node_get_value_type (text_node) != G_TYPE_STRING)
    {
      line_error (batch, line_number, id, "no \"text\" string member");
      return;
    }
  text = json_node_get_string (text_node);
  g_array_set_size (entities, 0);
  alama_recognizer_recognize (recognizer, text, strlen (text), entities);
  id_text = id ? json_to_string (id, FALSE) : g_strdup ("null");
  g_string_append_printf (batch->out, "{\"id\":%s,\"entities\":[", id_text);
  for (guint i = 0; i < entities->len; i++)
    {
      if (!first)
        g_string_append_c (batch->out, ',');
      first = FALSE;
      alama_json_append_entity (batch->out, &g_array_index (entities, AlamaEntity, i), text);
    }
  g_string_append (batch->out, "]}\n");
}

static gpointer
worker_thread (gpointer data)
{
  Pipeline *pipeline = data;
  g_autoptr (AlamaRecognizer) recognizer = alama_recognizer_new (pipeline->model);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  Batch *batch;

  alama_recognizer_set_dates (recognizer, pipeline->dates);
  while ((batch = g_async_queue_pop (pipeline->work)) != &stop_sentinel)
    {
      for (guint i = 0; i < batch->lines->len; i++)
        {
          const char *line = batch->lines->pdata[i];
          guint64 number = batch->first_line + i;

          if (!g_utf8_validate (line, -1, NULL))
            line_error (batch, number, NULL, "invalid UTF-8");
          else if (line[strspn (line, " \t\r")] == '\0')
            continue;
          else
            process_line (recognizer, parser, entities, batch, number, line);
        }
      g_async_queue_push (pipeline->done, batch);
    }
  return NULL;
}

typedef struct
{
  Pipeline *pipeline;
  guint errors;
  gboolean write_failed;
} Writer;

static gint
compare_batches (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  guint64 sa = ((const Batch *) a)->seq;
  guint64 sb = ((const Batch *) b)->seq;

  return sa < sb ? -1 : sa > sb;
}

/* Writes batches in input order, holding back those that finish early. */
static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr (GSequence) waiting = g_sequence_new (NULL);
  guint64 next = 0;
  Batch *batch;

  while ((batch = g_async_queue_pop (writer->pipeline->done)) != &stop_sentinel)
    {
      g_sequence_insert_sorted (waiting, batch, compare_batches, NULL);
      while (!g_sequence_is_empty (waiting))
        {
          GSequenceIter *first = g_sequence_get_begin_iter (waiting);
          Batch *head = g_sequence_get (first);

          if (head->seq != next)
            break;
          g_sequence_remove (first);
          if (!writer->write_failed && !flush_output (head->out))
            writer->write_failed = TRUE;
          writer->errors += head->errors;
          batch_free (head);
          next++;
          g_async_queue_push (writer->pipeline->slots, GUINT_TO_POINTER (1));
        }
    }
  return NULL;
}

static int
extract_jsonl (AlamaModel *model,
               const char *path,
               guint       n_threads,
               gboolean    dates)
{
  gboolean is_stdin = strcmp (path, "-") == 0;
  FILE *in = is_stdin ? stdin : fopen (path, "rb");
  Pipeline pipeline;
  Writer writer = { &pipeline, 0, FALSE };
  g_autoptr (GPtrArray) workers = g_ptr_array_new ();
  GThread *writer_handle;
  Batch *batch = NULL;
  guint64 seq = 0;
  guint64 line_number = 0;
  char *line = NULL;
  size_t line_size = 0;
  ssize_t n;
  int status = CLI_EXIT_OK;

  if (in == NULL)
    {
      cli_error ("%s: %s", path, g_strerror (errno));
      return CLI_EXIT_FAILURE;
    }
  pipeline.model = model;
  pipeline.dates = dates;
  pipeline.work = g_async_queue_new ();
  pipeline.done = g_async_queue_new ();
  pipeline.slots = g_async_queue_new ();
  /* At most this many batches are read ahead of the output. */
  for (guint i = 0; i < 4 * n_threads; i++)
    g_async_queue_push (pipeline.slots, GUINT_TO_POINTER (1));
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (workers, g_thread_new ("alama-extract", worker_thread, &pipeline));
  writer_handle = g_thread_new ("alama-writer", writer_thread, &writer);

  while ((n = getline (&line, &line_size, in)) >= 0)
    {
      line_number++;
      if (n > 0 && line[n - 1] == '\n')
        line[--n] = '\0';
      if (batch == NULL)
        {
          g_async_queue_pop (pipeline.slots);
          batch = batch_new (seq++, line_number);
        }
      g_ptr_array_add (batch->lines, g_strndup (line, (gsize) n));
      if (batch->lines->len == BATCH_LINES)
        {
          g_async_queue_push (pipeline.work, batch);
          batch = NULL;
        }
    }
  if (ferror (in))
    {
      cli_error ("%s: %s", path, g_strerror (errno));
      status = CLI_EXIT_FAILURE;
    }
  free (line);
  if (batch)
    g_async_queue_push (pipeline.work, batch);
  for (guint i = 0; i < n_threads; i++)
    g_async_queue_push (pipeline.work, &stop_sentinel);
  for (guint i = 0; i < workers->len; i++)
    g_thread_join (workers->pdata[i]);
  g_async_queue_push (pipeline.done, &stop_sentinel);
  g_thread_join (writer_handle);
  g_async_queue_unref (pipeline.work);
  g_async_queue_unref (pipeline.done);
  g_async_queue_unref (pipeline.slots);
  if (!is_stdin)
    fclose (in);

  if (writer.write_failed)
    {
      cli_error ("writing the output: %s", g_strerror (errno));
      return CLI_EXIT_FAILURE;
    }
  if (writer.errors)
    {
      cli_error ("%s: %u line%s could not be read (see the \"error\" members)", path,
                 writer.errors, writer.errors == 1 ? "" : "s");
      return CLI_EXIT_FAILURE;
    }
  return status;
}

int
cmd_extract (int    argc,
             char **argv)
{
  g_autofree char *model_path = NULL;
  g_autofree char *format_name = NULL;
  g_auto (GStrv) files = NULL;
  int threads = 1;
  gboolean no_dates = FALSE;
  g_autofree char *encoding = NULL;
  const GOptionEntry entries[] = {
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding,
      "Encoding of the input files: UTF-8, UTF-16, windows-1256 or ISO-8859-6 (default: "
      "detected)", "ENCODING" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "Output format: tsv (default), json, jsonl (JSON Lines in and out), or a whole annotated "
      "document: xml (Alama XML), tei (TEI P5) or conll", "FORMAT" },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path,
      "Use the model in MODEL instead of the built-in one", "MODEL" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &threads,
      "Worker threads for --format jsonl (default 1)", "N" },
    { "no-dates", 0, 0, G_OPTION_ARG_NONE, &no_dates, "Do not look for dates", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE…|-" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (AlamaModel) model = NULL;
  g_autoptr (AlamaRecognizer) recognizer = NULL;
  const char *stdin_only[] = { "-", NULL };
  const char *const *paths;
  Format format = FORMAT_TSV;
  AlamaFileFormat document_format = ALAMA_FILE_FORMAT_XML;
  guint n_files;
  int status;

  g_option_context_set_summary (
      context,
      "Find people (PERS), places (LOC), organizations (ORG), other names (MISC)\n"
      "and dates (DATE) in text files (UTF-8, UTF-16 with a byte-order mark,\n"
      "windows-1256 or ISO-8859-6, detected).  Each entity is printed as\n"
      "  START<TAB>END<TAB>TYPE<TAB>SURFACE\n"
      "sorted by START, never overlapping, where START and END (exclusive) count\n"
      "Unicode code points from the start of the decoded file, exactly as it is\n"
      "(a BOM counts as one).  In SURFACE, tab, line feed, carriage return and backslash\n"
      "are written \\t, \\n, \\r and \\\\.  With several files, a \"# FILE\" line\n"
      "precedes each file's entities.\n\n"
      "--format json prints one object per file {\"file\", \"entities\": [{\"start\",\n"
      "\"end\", \"type\", \"text\", \"confidence\"}]} (an array of them for several\n"
      "files); a date that can be placed on the calendar also has \"when\", its ISO\n"
      "8601 value.  --format jsonl reads one {\"id\": …, \"text\": …} document per\n"
      "line and writes one {\"id\": …, \"entities\": […]} line per document, in input\n"
      "order, in constant memory, with -j worker threads.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (format_name == NULL || strcmp (format_name, "tsv") == 0)
    format = FORMAT_TSV;
  else if (strcmp (format_name, "json") == 0)
    format = FORMAT_JSON;
  else if (strcmp (format_name, "jsonl") == 0)
    format = FORMAT_JSONL;
  else if ((strcmp (format_name, "xml") == 0 || strcmp (format_name, "tei") == 0
            || strcmp (format_name, "conll") == 0)
           && alama_file_format_from_name (format_name, &document_format))
    format = FORMAT_DOCUMENT;
  else
    return cli_usage_error (context,
                            "unknown format '%s' (expected tsv, json, jsonl, xml, tei or conll)",
                            format_name);
  if (threads < 1 || threads > 256)
    return cli_usage_error (context, "--jobs must be between 1 and 256");
  paths = files && files[0] ? (const char *const *) files : stdin_only;
  n_files = g_strv_length ((char **) paths);
  if ((format == FORMAT_JSONL || format == FORMAT_DOCUMENT) && n_files != 1)
    return cli_usage_error (context, "--format %s reads one input (a file or -)", format_name);
  if (format == FORMAT_DOCUMENT)
    {
      g_autoptr (AlamaDocument) document = cli_read_document (paths[0], ALAMA_FILE_FORMAT_TXT,
                                                              encoding);

      if (document == NULL || !cli_recognize_document (document, model_path, !no_dates)
          || !cli_write_document (document, "-", document_format, FALSE))
        return CLI_EXIT_FAILURE;
      return CLI_EXIT_OK;
    }

  model = cli_load_model (model_path);
  if (model == NULL)
    return CLI_EXIT_FAILURE;
  if (format == FORMAT_JSONL)
    return extract_jsonl (model, paths[0], (guint) threads, !no_dates);

  recognizer = alama_recognizer_new (model);
  alama_recognizer_set_dates (recognizer, !no_dates);
  /* TSV has no confidence column. */
  alama_recognizer_set_confidences (recognizer, format != FORMAT_TSV);
  status = CLI_EXIT_OK;
  if (format == FORMAT_JSON && n_files > 1)
    fputs ("[\n", stdout);
  for (guint i = 0; i < n_files; i++)
    if (extract_file (recognizer, paths[i], encoding, format, n_files > 1, i + 1 == n_files) != CLI_EXIT_OK)
      status = CLI_EXIT_FAILURE;
  if (format == FORMAT_JSON && n_files > 1)
    fputs ("]\n", stdout);
  if (fflush (stdout) != 0)
    {
      cli_error ("writing the output: %s", g_strerror (errno));
      status = CLI_EXIT_FAILURE;
    }
  return status;
}
