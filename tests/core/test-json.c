/* test-json.c: tests for the JSON writer.
 *
 * What it writes is read back with json-glib, an independent parser, so
 * that the tests check real JSON and not only the escapes we expect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "alama-json.h"

static char *
to_json (const char *text,
         gssize      len)
{
  GString *out = g_string_new (NULL);

  alama_json_append_string (out, text, len);
  return g_string_free (out, FALSE);
}

/* Parses @json as one JSON string and returns its value. */
static char *
parse_string (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_dup_string (node);
}

static void
test_escapes (void)
{
  const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "\"\"" },
    { "Paris", "\"Paris\"" },
    { "بيروت", "\"بيروت\"" },                          /* Arabic as is */
    { "أَحْمَدُ", "\"أَحْمَدُ\"" },
    { "😀 🇱🇧", "\"😀 🇱🇧\"" },
    { "say \"hi\"", "\"say \\\"hi\\\"\"" },
    { "C:\\dir\\", "\"C:\\\\dir\\\\\"" },
    { "a\nb\rc\td", "\"a\\nb\\rc\\td\"" },
    { "\x01", "\"\\u0001\"" },
    { "\b\f\x1f", "\"\\u0008\\u000c\\u001f\"" },
    { "\x7f", "\"\x7f\"" },                             /* DEL needs no escape */
    { "/", "\"/\"" },
    { "a\u2028b\u2029c", "\"a\\u2028b\\u2029c\"" },    /* JavaScript line breaks */
    { "\u2027\u202a\u200f", "\"\u2027\u202a\u200f\"" }, /* their neighbours stay */
    { "\u2028\u2028", "\"\\u2028\\u2028\"" },
    { "قال \"ماكرون\"\n", "\"قال \\\"ماكرون\\\"\\n\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = to_json (cases[i].in, -1);
      g_autofree char *back = NULL;

      g_test_message ("case %u: %s", i, json);
      g_assert_cmpstr (json, ==, cases[i].out);
      back = parse_string (json);
      g_assert_cmpstr (back, ==, cases[i].in);
    }
}

static void
test_length (void)
{
  g_autofree char *cut = to_json ("abc\"def", 4);
  g_autofree char *nul = to_json ("a\0b", 3);
  g_autofree char *arabic = to_json ("بيروت لبنان", (gssize) strlen ("بيروت"));
  GString *out = g_string_new ("[");

  /* Only @len bytes are written, NUL included. */
  g_assert_cmpstr (cut, ==, "\"abc\\\"\"");
  g_assert_cmpstr (nul, ==, "\"a\\u0000b\"");
  g_assert_cmpstr (arabic, ==, "\"بيروت\"");

  /* Appends, keeping what is there. */
  alama_json_append_string (out, "x", -1);
  g_string_append_c (out, ',');
  alama_json_append_string (out, "\u2028", -1);
  g_string_append_c (out, ']');
  g_assert_cmpstr (out->str, ==, "[\"x\",\"\\u2028\"]");
  g_string_free (out, TRUE);
}

/* Random strings of awkward characters read back unchanged. */
static void
test_round_trip (void)
{
  const char *pieces[] = {
    "a", " ", "\"", "\\", "\n", "\r", "\t", "\x01", "\x1f", "\x7f", "/", "بيروت", "َ", "ـ",
    "\u200f", "\u2028", "\u2029", "\u2027", "😀", "𝐀", "\xef\xbb\xbf", "{", "}", "'", "\\u0041",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (2028);

  for (guint round = 0; round < 500; round++)
    {
      GString *text = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (rand, 0, 30);
      g_autofree char *json = NULL;
      g_autofree char *back = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      json = to_json (text->str, (gssize) text->len);
      /* Nothing below U+0020 and no U+2028/9 appears raw. */
      for (const char *p = json; *p; p++)
        g_assert_cmpint ((guchar) *p, >=, 0x20);
      g_assert_null (strstr (json, "\u2028"));
      g_assert_null (strstr (json, "\u2029"));
      back = parse_string (json);
      g_assert_cmpstr (back, ==, text->str);
      g_string_free (text, TRUE);
    }
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
test_entity (void)
{
  static const char text[] = "😀 قال \"ماكرون\"\n في «باريس»";
  const char *name = strstr (text, "\"ماكرون\"");
  const char *place = strstr (text, "باريس");
  AlamaEntity person = { 0 };
  AlamaEntity city = { 0 };
  GString *out = g_string_new (NULL);
  g_autoptr (JsonObject) object = NULL;

  /* A span with quotes in it, to be escaped. */
  person.start_byte = (gsize) (name - text);
  person.end_byte = person.start_byte + strlen ("\"ماكرون\"");
  person.start_char = (gsize) g_utf8_pointer_to_offset (text, name);
  person.end_char = person.start_char + 8;
  person.type = "PERS";
  person.confidence = 0.25f;
  alama_json_append_entity (out, &person, text);
  g_test_message ("%s", out->str);
  object = parse_object (out->str);
  g_assert_cmpint (json_object_get_int_member (object, "start"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (object, "end"), ==, 14);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "PERS");
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, "\"ماكرون\"");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "confidence"), 0.25,
                                  1e-9);
  g_assert_false (json_object_has_member (object, "when"));
  g_clear_pointer (&object, json_object_unref);

  city.start_byte = (gsize) (place - text);
  city.end_byte = city.start_byte + strlen ("باريس");
  city.start_char = (gsize) g_utf8_pointer_to_offset (text, place);
  city.end_char = city.start_char + 5;
  city.type = "LOC";
  city.confidence = 1.0f;
  g_string_truncate (out, 0);
  alama_json_append_entity (out, &city, text);
  g_test_message ("%s", out->str);
  object = parse_object (out->str);
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, "باريس");
  g_assert_cmpfloat (json_object_get_double_member (object, "confidence"), ==, 1.0);
  g_assert_nonnull (strstr (out->str, "\"confidence\":1.000"));
  g_string_free (out, TRUE);
}

static void
test_date_entity (void)
{
  static const char text[] = "في 11 سبتمبر 2001";
  const char *at = strstr (text, "11");
  AlamaEntity date = { 0 };
  GString *out = g_string_new ("[");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonArray *array;
  JsonObject *object;

  date.start_byte = (gsize) (at - text);
  date.end_byte = strlen (text);
  date.start_char = 3;
  date.end_char = (gsize) g_utf8_strlen (text, -1);
  date.type = "DATE";
  date.confidence = 0.0f;
  g_strlcpy (date.when, "2001-09-11", sizeof date.when);

  /* Two objects in an array: each is a complete value. */
  alama_json_append_entity (out, &date, text);
  g_string_append_c (out, ',');
  alama_json_append_entity (out, &date, text);
  g_string_append_c (out, ']');
  g_test_message ("%s", out->str);
  node = json_from_string (out->str, &error);
  g_assert_no_error (error);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  object = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "DATE");
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, "11 سبتمبر 2001");
  g_assert_cmpstr (json_object_get_string_member (object, "when"), ==, "2001-09-11");
  g_assert_cmpint (json_object_get_int_member (object, "start"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "end"), ==, 17);
  g_assert_cmpfloat (json_object_get_double_member (object, "confidence"), ==, 0.0);
  g_string_free (out, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/json/escapes", test_escapes);
  g_test_add_func ("/alama/json/length", test_length);
  g_test_add_func ("/alama/json/round-trip", test_round_trip);
  g_test_add_func ("/alama/json/entity", test_entity);
  g_test_add_func ("/alama/json/date-entity", test_date_entity);

  return g_test_run ();
}
