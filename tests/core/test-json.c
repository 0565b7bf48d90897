/* test-json.c: the JSON codecs of the domain types and the reading helpers.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-domain.h"
#include "pst-enums.h"
#include "pst-error.h"
#include "pst-holidays.h"
#include "pst-json.h"
#include "pst-time.h"
#include "pst-test-locale.h"

#include <gio/gio.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

/* Texts are written with single quotes for readability and turned into
 * JSON by json(); instants are RFC 3339 and read back with at().
 */

typedef gboolean (*EqualFunc) (gconstpointer a,
                               gconstpointer b);

static gint64
at (const char *rfc3339)
{
  gint64 us = 0;

  if (!pst_time_parse_rfc3339 (rfc3339, &us))
    g_error ("Bad instant in a test: %s", rfc3339);

  return us;
}

/* Turns single quotes into double quotes. */
static char *
json (const char *text)
{
  char *result = g_strdup (text);

  for (char *p = result; *p != '\0'; p++)
    {
      if (*p == '\'')
        *p = '"';
    }

  return result;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = json (text);
  JsonNode *node = pst_json_parse (data, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
encode_to_string (gconstpointer     value,
                  PstJsonEncodeFunc encode)
{
  g_autoptr(JsonNode) node = encode (value);

  return pst_json_to_string (node);
}

/* Encodes @value, parses the text, decodes it, and checks that the result
 * equals @value and encodes to the same text.
 */
static void
assert_round_trip (gconstpointer      value,
                   PstJsonEncodeFunc  encode,
                   PstJsonDecodeFunc  decode,
                   EqualFunc          equal,
                   GDestroyNotify     free_func)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = encode_to_string (value, encode);
  g_autofree char *again = NULL;
  g_autoptr(JsonNode) node = NULL;
  gpointer back;

  node = pst_json_parse_object (text, -1, &error);
  g_assert_no_error (error);

  back = decode (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  if (!equal (value, back))
    g_error ("Round trip changed the value: %s", text);

  again = encode_to_string (back, encode);
  g_assert_cmpstr (again, ==, text);

  free_func (back);
}

#define ROUND_TRIP(prefix, value) \
  assert_round_trip ((value), (PstJsonEncodeFunc) prefix##_to_json, \
                     (PstJsonDecodeFunc) prefix##_from_json, \
                     (EqualFunc) prefix##_equal, (GDestroyNotify) prefix##_free)

/* Decodes @text with @decode and checks the error's code and field, and
 * that the message names the field.
 */
static void
assert_decode_fails (PstJsonDecodeFunc  decode,
                     const char        *text,
                     PstJsonError       code,
                     const char        *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse (text);
  gpointer value = decode (node, &error);

  g_assert_null (value);
  g_assert_error (error, PST_JSON_ERROR, (int) code);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, field);

  if (field != NULL)
    {
      g_autofree char *quoted = g_strconcat ("“", field, "”", NULL);

      if (strstr (error->message, quoted) == NULL)
        g_error ("Message “%s” does not name %s", error->message, quoted);
    }
}

#define DECODE_FAILS(prefix, text, code, field) \
  assert_decode_fails ((PstJsonDecodeFunc) prefix##_from_json, (text), (code), (field))

/* Decodes @text, which must succeed. */
static gpointer
decode_ok (PstJsonDecodeFunc  decode,
           const char        *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse (text);
  gpointer value = decode (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (value);
  return value;
}

#define DECODE(prefix, text) decode_ok ((PstJsonDecodeFunc) prefix##_from_json, (text))

/* Fixtures: fully populated values. */

static PstGuestBook *
make_guest_book (void)
{
  PstGuestBook *gb = pst_guest_book_new ();

  gb->name = g_strdup ("Andi Saputra");
  gb->id_type = PST_ID_TYPE_KTP;
  gb->id_number_masked = g_strdup ("************1234");
  gb->email = g_strdup ("andi.saputra@example.com");
  gb->phone = g_strdup ("081234567890");
  gb->institution = g_strdup ("Universitas Tomakaka");
  gb->occupation = g_strdup ("Mahasiswa");
  gb->purpose = g_strdup ("Data kemiskinan Kabupaten Mamuju 2025");

  return gb;
}

static PstTicketHistoryEntry *
make_history_entry (const char     *when,
                    const char     *action,
                    int             from,
                    PstTicketStatus to,
                    const char     *officer,
                    const char     *detail)
{
  PstTicketHistoryEntry *entry = pst_ticket_history_entry_new ();

  entry->at = at (when);
  entry->action = g_strdup (action);
  entry->has_from_status = from >= 0;
  entry->from_status = from >= 0 ? (PstTicketStatus) from : PST_TICKET_STATUS_WAITING;
  entry->to_status = to;
  entry->officer = g_strdup (officer);
  entry->detail = g_strdup (detail);

  return entry;
}

static PstTicket *
make_ticket (void)
{
  PstTicket *t = pst_ticket_new ();

  t->id = g_strdup ("t-7604-20260302-k001");
  t->office = g_strdup ("7604");
  t->number = g_strdup ("K-001");
  t->service = PST_SERVICE_CONSULTATION;
  t->status = PST_TICKET_STATUS_DONE;
  t->desk = g_strdup ("Meja 1");
  t->officer = g_strdup ("o-petugas1-7604");
  t->issued_at = at ("2026-03-02T08:05:00+08:00");
  t->called_at = at ("2026-03-02T08:09:30+08:00");
  t->started_at = at ("2026-03-02T08:11:00.250000+08:00");
  t->finished_at = at ("2026-03-02T08:40:00+08:00");
  t->wait_due = at ("2026-03-02T08:15:00+08:00");
  t->guest_book = make_guest_book ();
  t->has_topic = TRUE;
  t->topic = PST_CATEGORY_METADATA;
  t->outcome = g_strdup ("answered");
  t->notes = g_strdup ("Dijelaskan konsep garis kemiskinan.");
  g_ptr_array_add (t->history,
                   make_history_entry ("2026-03-02T08:05:00+08:00", "issued", -1,
                                       PST_TICKET_STATUS_WAITING, NULL, NULL));
  g_ptr_array_add (t->history,
                   make_history_entry ("2026-03-02T08:09:30+08:00", "called",
                                       PST_TICKET_STATUS_WAITING, PST_TICKET_STATUS_CALLED,
                                       "o-petugas1-7604", "Meja 1"));
  g_ptr_array_add (t->history,
                   make_history_entry ("2026-03-02T08:40:00+08:00", "finished",
                                       PST_TICKET_STATUS_SERVING, PST_TICKET_STATUS_DONE,
                                       "o-petugas1-7604", NULL));

  return t;
}

static PstMessage *
make_message (const char *id,
              PstAuthor   author,
              const char *officer,
              const char *body,
              const char *when)
{
  PstMessage *m = pst_message_new ();

  m->id = g_strdup (id);
  m->consultation = g_strdup ("c-7604-0042");
  m->author = author;
  m->officer = g_strdup (officer);
  m->body = g_strdup (body);
  m->at = at (when);

  return m;
}

static PstConsultation *
make_consultation (gboolean with_messages)
{
  PstConsultation *c = pst_consultation_new ();
  PstMessage *m;

  c->id = g_strdup ("c-7604-0042");
  c->office = g_strdup ("7604");
  c->channel = PST_CHANNEL_WHATSAPP;
  c->subject = g_strdup ("Persentase penduduk miskin Mamuju 2024");
  c->category = PST_CATEGORY_DATA;
  c->status = PST_CONSULTATION_STATUS_CLOSED;
  c->has_resolution = TRUE;
  c->resolution = PST_RESOLUTION_ANSWERED;
  c->requester = pst_requester_new ("Siti Rahma", "siti.rahma@example.com", "+6281355512345");
  c->assignee = g_strdup ("o-petugas2-7604");
  c->created_at = at ("2026-03-02T09:00:00+08:00");
  c->sla = pst_sla_new ();
  c->sla->first_response_due = at ("2026-03-03T15:30:00+08:00");
  c->sla->idle_close_at = at ("2026-03-09T10:00:00+08:00");
  c->sla->state = PST_BADGE_WARNING;
  c->kb_searched = pst_kb_searched_new ("kemiskinan mamuju");
  g_ptr_array_add (c->kb_searched->viewed, g_strdup ("kb-12"));
  g_ptr_array_add (c->kb_searched->viewed, g_strdup ("kb-31"));
  c->follow_up = pst_follow_up_new (PST_FOLLOW_UP_ZOOM, at ("2026-03-04T10:00:00+08:00"),
                                    "https://zoom.us/j/123456789");
  c->last_message_at = at ("2026-03-02T10:00:00+08:00");

  if (with_messages)
    {
      c->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_message_free);
      g_ptr_array_add (c->messages,
                       make_message ("m-1", PST_AUTHOR_REQUESTER, NULL,
                                     "Berapa persentase penduduk miskin Mamuju 2024?",
                                     "2026-03-02T09:00:00+08:00"));
      m = make_message ("m-2", PST_AUTHOR_OFFICER, "o-petugas2-7604",
                        "Silakan lihat tabel berikut.", "2026-03-02T10:00:00+08:00");
      g_ptr_array_add (m->kb_article_ids, g_strdup ("kb-12"));
      g_ptr_array_add (c->messages, m);
    }

  return c;
}

/* Office 7604, BPS Kabupaten Mamuju, as its service standard has it. */
static PstOffice *
make_office_7604 (void)
{
  PstOffice *o = pst_office_new ();

  o->code = g_strdup ("7604");
  o->name = g_strdup ("BPS Kabupaten Mamuju");
  o->timezone = g_strdup ("Asia/Makassar");
  o->sk_number = g_strdup ("341/KPG TAHUN 2022");
  o->address = g_strdup ("Jl. Trans Sulawesi Lingkungan Timbu, Kelurahan Mamunyu, "
                         "Kecamatan Mamuju, Sulawesi Barat 91511");
  o->phone = g_strdup ("081210007604");
  o->guest_book_stage = PST_GUEST_BOOK_AT_DESK;

  for (int weekday = 1; weekday <= 4; weekday++)
    g_ptr_array_add (o->service_hours, pst_service_hours_new (weekday, 8 * 60, 15 * 60 + 30));
  g_ptr_array_add (o->service_hours, pst_service_hours_new (5, 8 * 60, 16 * 60));

  g_ptr_array_add (o->holidays,
                   pst_holiday_new (2026, 1, 1, "Tahun Baru 2026 Masehi", "New Year's Day",
                                    PST_HOLIDAY_NATIONAL, NULL));
  g_ptr_array_add (o->holidays,
                   pst_holiday_new (2026, 8, 17, "Hari Proklamasi Kemerdekaan RI", NULL,
                                    PST_HOLIDAY_NATIONAL, NULL));
  g_ptr_array_add (o->holidays,
                   pst_holiday_new (2026, 12, 24, "Cuti Bersama Hari Raya Natal", NULL,
                                    PST_HOLIDAY_CUTI_BERSAMA, NULL));
  g_ptr_array_add (o->holidays,
                   pst_holiday_new (2026, 3, 13, "Hari Jadi Kabupaten Mamuju", NULL,
                                    PST_HOLIDAY_LOCAL, "7604"));

  o->standard = pst_standard_new ();
  o->standard->walkin_wait_min = 10;
  o->standard->session_max_min = 60;
  o->standard->web_response_working_days = 3;
  o->standard->whatsapp_first_response_working_days = 1;
  o->standard->email_response_working_days = 3;
  o->standard->idle_close_amount = 7;
  o->standard->idle_close_unit = PST_DURATION_UNIT_DAYS;
  o->standard->complaint_response_working_days = 5;

  g_ptr_array_add (o->complaint_channels,
                   pst_complaint_channel_entry_new (PST_COMPLAINT_CHANNEL_SUGGESTION_BOX,
                                                    "Kotak saran dan pengaduan pada unit PST "
                                                    "BPS Kabupaten Mamuju"));
  g_ptr_array_add (o->complaint_channels,
                   pst_complaint_channel_entry_new (PST_COMPLAINT_CHANNEL_WEBSITE,
                                                    "http://s.bps.go.id/saran-pengaduan-sulbar"));
  g_ptr_array_add (o->complaint_channels,
                   pst_complaint_channel_entry_new (PST_COMPLAINT_CHANNEL_EMAIL,
                                                    "bps7604@bps.go.id"));
  g_ptr_array_add (o->complaint_channels,
                   pst_complaint_channel_entry_new (PST_COMPLAINT_CHANNEL_WHATSAPP,
                                                    "0812-1000-7604"));
  g_ptr_array_add (o->complaint_channels,
                   pst_complaint_channel_entry_new (PST_COMPLAINT_CHANNEL_LAPOR,
                                                    "www.lapor.go.id"));

  return o;
}

static PstKbArticle *
make_kb_article (void)
{
  PstKbArticle *a = pst_kb_article_new ();

  a->id = g_strdup ("kb-12");
  a->external_id = g_strdup ("faq-kemiskinan-01");
  a->lang = PST_LANG_ID;
  a->title = g_strdup ("Bagaimana BPS mengukur kemiskinan?");
  a->body = g_strdup ("BPS memakai pendekatan kebutuhan dasar (basic needs approach)…");
  g_ptr_array_add (a->tags, g_strdup ("kemiskinan"));
  g_ptr_array_add (a->tags, g_strdup ("susenas"));
  a->category = PST_CATEGORY_METADATA;
  a->office = g_strdup ("7604");
  a->updated_at = at ("2026-02-10T03:00:00Z");
  a->views = 1520;
  a->helpful = 87;
  a->not_helpful = 4;

  return a;
}

static PstRating *
make_rating (void)
{
  PstRating *r = pst_rating_new ();
  const int scores[PST_RATING_N_SCORES] = { 4, 3, 4, 4, 3, 4, 4, 2, 1 };

  r->id = g_strdup ("r-1");
  r->office = g_strdup ("7604");
  r->ticket = g_strdup ("t-7604-20260302-k001");
  r->officer = g_strdup ("o-petugas1-7604");
  r->channel = PST_CHANNEL_WALK_IN;
  memcpy (r->scores, scores, sizeof scores);
  r->comment = g_strdup ("Petugas ramah, ruang tunggu panas.");
  r->created_at = at ("2026-03-02T00:45:00Z");

  return r;
}

static PstComplaint *
make_complaint (void)
{
  PstComplaint *c = pst_complaint_new ();

  c->id = g_strdup ("p-3");
  c->office = g_strdup ("7604");
  c->channel = PST_COMPLAINT_CHANNEL_WHATSAPP;
  c->reporter = pst_requester_new ("Budi", NULL, "081299988877");
  c->body = g_strdup ("Balasan konsultasi saya terlambat.");
  c->consultation = g_strdup ("c-7604-0042");
  c->status = PST_COMPLAINT_STATUS_RESPONDED;
  c->received_at = at ("2026-03-05T01:00:00Z");
  c->response_due = at ("2026-03-12T07:30:00Z");
  c->response = g_strdup ("Mohon maaf, kami sudah memperbaiki pembagian tugas.");
  c->responded_at = at ("2026-03-06T02:00:00Z");

  return c;
}

/* Parsing text. */

static void
test_parse_valid (void)
{
  const char *texts[] = {
    "{}",
    " \t\r\n{ } \n",
    "{'a':[1,-2,3.5,1e3,-0.25E-2,true,false,null,{},[]],'b':{'c':'d'}}",
    "{'s':'\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00'}",
    "{'big':9223372036854775807,'small':-9223372036854775808}",
    "{'ü':'Sulawesi Barat — Mamuju'}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = json (texts[i]);
      g_autoptr(JsonNode) node = pst_json_parse_object (data, -1, &error);

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
    }
}

static void
test_parse_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char data[] = "{\"a\":1}garbage";

  /* Only the first 7 bytes are the text. */
  node = pst_json_parse_object (data, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "a"), ==, 1);
  g_clear_pointer (&node, json_node_unref);

  node = pst_json_parse_object (data, -1, &error);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
  g_assert_null (node);
}

static void
test_parse_invalid (void)
{
  const char *texts[] = {
    "",
    "   \n ",
    "{",
    "}",
    "{'a':1,}",
    "{'a' 1}",
    "{'a':1 'b':2}",
    "{a:1}",
    "{'a':1} x",
    "{'a':1}{}",
    "{'a':1} /* comment */",
    "{/* c */ 'a':1}",
    "{'a':tru}",
    "{'a':nul}",
    "{'a':01}",
    "{'a':1.}",
    "{'a':.5}",
    "{'a':-}",
    "{'a':1e}",
    "{'a':+1}",
    "{'a':99999999999999999999}",
    "{'a':-9223372036854775809}",
    "{'a':'\\u0000'}",
    "{'a':'\\ud800'}",
    "{'a':'\\udc00x'}",
    "{'a':'\\ud800\\u0041'}",
    "{'a':'\\x41'}",
    "{'a':'\\u12'}",
    "{'a':'tab\there'}",
    "{'a':'unterminated}",
    "{'a':[1,2}",
    "{'a':[1,2,]}",
    "[",
    "nul",
  };
  const char *single_quoted[] = { "{'a':1}", "{\"a\":'b'}" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = json (texts[i]);
      g_autoptr(JsonNode) node = pst_json_parse_object (data, -1, &error);

      if (node != NULL)
        g_error ("Accepted invalid JSON: %s", data);
      g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
      g_assert_null (pst_json_error_get_field (error));
    }

  /* json-glib takes single quotes; JSON does not. */
  for (guint i = 0; i < G_N_ELEMENTS (single_quoted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = pst_json_parse_object (single_quoted[i], -1, &error);

      g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
      g_assert_null (node);
    }
}

static void
test_parse_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char latin1[] = "{\"name\":\"Jos\xe9\"}";
  const char with_nul[] = "{\"a\":\"b\0c\"}";

  node = pst_json_parse_object (latin1, -1, &error);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
  g_assert_null (node);
  g_clear_error (&error);

  node = pst_json_parse_object (with_nul, sizeof with_nul - 1, &error);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
  g_assert_null (node);
}

static void
test_parse_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = pst_json_parse_object ("", -1, &error);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
  g_assert_null (node);
  g_clear_error (&error);

  node = pst_json_parse_object (NULL, 0, &error);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
  g_assert_null (node);
}

static void
test_parse_not_object (void)
{
  const char *texts[] = { "[]", "[{'a':1}]", "'text'", "42", "true", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = json (texts[i]);
      g_autoptr(JsonNode) any = NULL;
      g_autoptr(JsonNode) node = NULL;

      /* Valid JSON, … */
      any = pst_json_parse (data, -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (any);

      /* … but not an object. */
      node = pst_json_parse_object (data, -1, &error);
      g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
      g_assert_null (node);
      g_assert_null (pst_json_error_get_field (error));
    }
}

static void
test_parse_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *brackets = NULL;

  /* A megabyte of `[` would overflow json-glib's stack. */
  brackets = g_strnfill (1024 * 1024, '[');
  node = pst_json_parse (brackets, -1, &error);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
  g_assert_null (node);
  g_clear_error (&error);

  /* Exactly the limit is fine, one more level is not. */
  for (int i = 0; i < PST_JSON_MAX_DEPTH; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  for (int i = 0; i < PST_JSON_MAX_DEPTH; i++)
    g_string_append_c (text, '}');

  node = pst_json_parse_object (text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  g_string_prepend (text, "{\"a\":");
  g_string_append_c (text, '}');
  node = pst_json_parse_object (text->str, -1, &error);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
  g_assert_null (node);

  /* Brackets inside strings do not count. */
  g_clear_error (&error);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&brackets, g_free);
  brackets = g_strnfill (1000, '[');
  g_string_printf (text, "{\"body\":\"%s\"}", brackets);
  node = pst_json_parse_object (text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_to_string_compact (void)
{
  g_autoptr(JsonNode) node = parse ("{ 'a' : [ 1 , 2 ] , 'b' : { } }");
  g_autofree char *text = pst_json_to_string (node);

  g_assert_cmpstr (text, ==, "{\"a\":[1,2],\"b\":{}}");
}

/* The reading helpers. */

static void
test_get_string (void)
{
  g_autoptr(JsonNode) node = parse ("{'name':'Andi','empty':'','nothing':null,'n':5,'b':true,"
                                    "'o':{},'a':[]}");
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_true (pst_json_get_string (obj, "name", TRUE, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "Andi");

  /* Absent and null leave the value alone. */
  g_assert_true (pst_json_get_string (obj, "missing", FALSE, &value, &error));
  g_assert_true (pst_json_get_string (obj, "nothing", FALSE, &value, &error));
  g_assert_cmpstr (value, ==, "Andi");

  /* An empty optional string is kept; a required one is refused. */
  g_assert_true (pst_json_get_string (obj, "empty", FALSE, &value, &error));
  g_assert_cmpstr (value, ==, "");
  g_assert_false (pst_json_get_string (obj, "empty", TRUE, &value, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "empty");
  g_clear_error (&error);

  g_assert_false (pst_json_get_string (obj, "missing", TRUE, &value, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "missing");
  g_assert_cmpstr (error->message, ==, "“missing” is required");
  g_clear_error (&error);

  g_assert_false (pst_json_get_string (obj, "nothing", TRUE, &value, &error));
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "nothing");
  g_clear_error (&error);

  /* Wrong types. */
  for (guint i = 0; i < 4; i++)
    {
      const char *members[] = { "n", "b", "o", "a" };

      g_assert_false (pst_json_get_string (obj, members[i], FALSE, &value, &error));
      g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
      g_assert_cmpstr (pst_json_error_get_field (error), ==, members[i]);
      g_clear_error (&error);
    }

  g_assert_cmpstr (value, ==, "");
}

static void
test_get_int (void)
{
  g_autoptr(JsonNode) node = parse ("{'n':42,'neg':-3,'f':1.5,'whole_float':2.0,'s':'10',"
                                    "'b':false,'big':9000000000}");
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  int value = 7;
  gint64 value64 = 0;
  const char *bad[] = { "f", "whole_float", "s", "b" };

  g_assert_true (pst_json_get_int (obj, "n", TRUE, &value, &error));
  g_assert_cmpint (value, ==, 42);
  g_assert_true (pst_json_get_int (obj, "missing", FALSE, &value, &error));
  g_assert_cmpint (value, ==, 42);
  g_assert_true (pst_json_get_int (obj, "neg", TRUE, &value, &error));
  g_assert_cmpint (value, ==, -3);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pst_json_get_int (obj, bad[i], TRUE, &value, &error));
      g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
      g_assert_cmpstr (pst_json_error_get_field (error), ==, bad[i]);
      g_clear_error (&error);
    }

  /* Out of an int's range, but fine as 64 bits. */
  g_assert_false (pst_json_get_int (obj, "big", TRUE, &value, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_true (pst_json_get_int64 (obj, "big", TRUE, &value64, &error));
  g_assert_cmpint (value64, ==, G_GINT64_CONSTANT (9000000000));

  g_assert_true (pst_json_get_int_range (obj, "n", TRUE, 0, 42, &value, &error));
  g_assert_false (pst_json_get_int_range (obj, "n", TRUE, 0, 41, &value, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "n");
  g_assert_cmpstr (error->message, ==, "“n” must be between 0 and 41");
  g_clear_error (&error);
  g_assert_false (pst_json_get_int_range (obj, "neg", TRUE, 0, 10, &value, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
}

static void
test_get_bool (void)
{
  g_autoptr(JsonNode) node = parse ("{'yes':true,'no':false,'one':1,'s':'true'}");
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  gboolean value = FALSE;

  g_assert_true (pst_json_get_bool (obj, "yes", TRUE, &value, &error));
  g_assert_true (value);
  g_assert_true (pst_json_get_bool (obj, "no", TRUE, &value, &error));
  g_assert_false (value);
  g_assert_no_error (error);

  g_assert_false (pst_json_get_bool (obj, "one", TRUE, &value, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "one");
  g_clear_error (&error);

  g_assert_false (pst_json_get_bool (obj, "s", TRUE, &value, &error));
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "s");
}

static void
test_get_enum (void)
{
  g_autoptr(JsonNode) node = parse ("{'status':'called','bad':'queued','num':1,'upper':'CALLED'}");
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  PstTicketStatus status = PST_TICKET_STATUS_WAITING;
  PstJsonEnumFromString from_string = (PstJsonEnumFromString) pst_ticket_status_from_string;

  g_assert_true (pst_json_get_enum (obj, "status", TRUE, from_string, (int *) &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, PST_TICKET_STATUS_CALLED);

  g_assert_false (pst_json_get_enum (obj, "bad", TRUE, from_string, (int *) &status, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "bad");
  g_assert_cmpstr (error->message, ==, "“bad” has an unknown value “queued”");
  g_clear_error (&error);

  g_assert_false (pst_json_get_enum (obj, "num", TRUE, from_string, (int *) &status, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  g_assert_false (pst_json_get_enum (obj, "upper", TRUE, from_string, (int *) &status, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpint (status, ==, PST_TICKET_STATUS_CALLED);
}

static void
test_get_enum_long_value (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strnfill (5000, 'x');
  g_autofree char *text = g_strdup_printf ("{\"status\":\"%s\"}", value);
  g_autoptr(JsonNode) node = pst_json_parse_object (text, -1, &error);
  PstTicketStatus status;

  g_assert_no_error (error);
  g_assert_false (pst_json_get_enum (json_node_get_object (node), "status", TRUE,
                                     (PstJsonEnumFromString) pst_ticket_status_from_string,
                                     (int *) &status, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpuint (strlen (error->message), <, 200);
}

static void
test_get_instant (void)
{
  g_autoptr(JsonNode) node = parse ("{'utc':'2026-03-02T00:05:00Z','local':'2026-03-02T08:05:00+08:00',"
                                    "'frac':'2026-03-02T00:05:00.123456Z','bad':'yesterday',"
                                    "'naive':'2026-03-02T08:05:00','date':'2026-03-02','n':0}");
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  gint64 value = PST_TIME_UNSET;
  const char *bad[] = { "bad", "naive", "date", "n" };

  g_assert_true (pst_json_get_instant (obj, "utc", TRUE, &value, &error));
  g_assert_cmpint (value, ==, at ("2026-03-02T00:05:00Z"));
  g_assert_true (pst_json_get_instant (obj, "local", TRUE, &value, &error));
  g_assert_cmpint (value, ==, at ("2026-03-02T00:05:00Z"));
  g_assert_true (pst_json_get_instant (obj, "frac", TRUE, &value, &error));
  g_assert_cmpint (value, ==, at ("2026-03-02T00:05:00Z") + 123456);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pst_json_get_instant (obj, bad[i], TRUE, &value, &error));
      g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
      g_assert_cmpstr (pst_json_error_get_field (error), ==, bad[i]);
      g_clear_error (&error);
    }
}

static void
test_get_date (void)
{
  g_autoptr(JsonNode) node = parse ("{'d':'2026-08-17','leap':'2028-02-29','bad':'2026-02-30',"
                                    "'short':'2026-8-17','text':'17 Agustus','zero':'0000-01-01'}");
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  GDate date;
  const char *bad[] = { "bad", "short", "text", "zero" };

  g_date_clear (&date, 1);
  g_assert_true (pst_json_get_date (obj, "d", TRUE, &date, &error));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&date), ==, 8);
  g_assert_cmpint (g_date_get_day (&date), ==, 17);
  g_assert_true (pst_json_get_date (obj, "leap", TRUE, &date, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pst_json_get_date (obj, bad[i], TRUE, &date, &error));
      g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
      g_assert_cmpstr (pst_json_error_get_field (error), ==, bad[i]);
      g_clear_error (&error);
    }
}

static void
test_get_string_array (void)
{
  g_autoptr(JsonNode) node = parse ("{'tags':['a','b',''],'mixed':['a',2],'nulls':['a',null],"
                                    "'notarray':'a','empty':[]}");
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strings = NULL;

  g_assert_true (pst_json_get_string_array (obj, "tags", TRUE, &strings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strings->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (strings, 1), ==, "b");

  g_assert_true (pst_json_get_string_array (obj, "missing", FALSE, &strings, &error));
  g_assert_cmpuint (strings->len, ==, 3);

  g_assert_true (pst_json_get_string_array (obj, "empty", TRUE, &strings, &error));
  g_assert_cmpuint (strings->len, ==, 0);

  g_assert_false (pst_json_get_string_array (obj, "mixed", TRUE, &strings, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "mixed[1]");
  g_assert_cmpstr (error->message, ==, "“mixed[1]” must be a string");
  g_clear_error (&error);

  g_assert_false (pst_json_get_string_array (obj, "nulls", TRUE, &strings, &error));
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "nulls[1]");
  g_clear_error (&error);

  g_assert_false (pst_json_get_string_array (obj, "notarray", TRUE, &strings, &error));
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "notarray");
  g_assert_cmpstr (error->message, ==, "“notarray” must be an array");
  g_clear_error (&error);

  g_assert_false (pst_json_get_string_array (obj, "missing", TRUE, &strings, &error));
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "missing");
  g_assert_cmpuint (strings->len, ==, 0);
}

static void
test_get_object_array (void)
{
  g_autoptr(JsonNode) node = parse ("{'o':{'x':1},'a':[1],'s':'x'}");
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  JsonObject *nested = NULL;
  JsonArray *array = NULL;

  g_assert_true (pst_json_has_member (obj, "o"));
  g_assert_false (pst_json_has_member (obj, "missing"));

  g_assert_true (pst_json_get_object (obj, "o", TRUE, &nested, &error));
  g_assert_nonnull (nested);
  g_assert_true (pst_json_get_array (obj, "a", TRUE, &array, &error));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_no_error (error);

  g_assert_false (pst_json_get_object (obj, "a", TRUE, &nested, &error));
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "a");
  g_clear_error (&error);

  g_assert_false (pst_json_get_array (obj, "s", TRUE, &array, &error));
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "s");
}

static void
test_error_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(JsonNode) node = parse ("{'email':5}");
  g_autofree char *email = NULL;

  g_assert_false (pst_json_get_string (json_node_get_object (node), "email", FALSE,
                                       &email, &error));
  g_assert_cmpstr (error->message, ==, "“email” must be a string");

  pst_json_error_prefix_field (error, "guest_book");
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "guest_book.email");
  g_assert_cmpstr (error->message, ==, "“guest_book.email” must be a string");

  pst_json_error_prefix_field (error, "items[2]");
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "items[2].guest_book.email");

  /* Copies keep the field. */
  copy = g_error_copy (error);
  g_assert_cmpstr (pst_json_error_get_field (copy), ==, "items[2].guest_book.email");
  g_assert_cmpstr (copy->message, ==, error->message);
}

static void
test_error_prefix_element (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  error = g_error_new_literal (PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD, "no field");
  g_assert_null (pst_json_error_get_field (error));
  pst_json_error_prefix_field (error, "[3]");
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "[3]");
  pst_json_error_prefix_field (error, "scores");
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "scores[3]");

  /* Other domains are left alone. */
  pst_json_error_prefix_field (other, "ignored");
  g_assert_cmpstr (other->message, ==, "x");
}

/* The domain types. */

static void
test_holiday (void)
{
  g_autoptr(PstHoliday) holiday = pst_holiday_new (2026, 1, 1, "Tahun Baru 2026 Masehi",
                                                   "New Year's Day", PST_HOLIDAY_NATIONAL, NULL);
  g_autoptr(PstHoliday) local = pst_holiday_new (2026, 3, 13, "Hari Jadi Kabupaten Mamuju",
                                                 NULL, PST_HOLIDAY_LOCAL, "7604");
  g_autoptr(PstHoliday) back = NULL;
  g_autoptr(PstHoliday) bare = NULL;
  g_autofree char *text = encode_to_string (holiday, (PstJsonEncodeFunc) pst_holiday_to_json);
  g_autofree char *local_text = encode_to_string (local, (PstJsonEncodeFunc) pst_holiday_to_json);
  g_autofree char *again = NULL;

  g_assert_cmpstr (text, ==,
                   "{\"date\":\"2026-01-01\",\"name\":\"Tahun Baru 2026 Masehi\","
                   "\"name_en\":\"New Year's Day\",\"kind\":\"national\"}");
  g_assert_cmpstr (local_text, ==,
                   "{\"date\":\"2026-03-13\",\"name\":\"Hari Jadi Kabupaten Mamuju\",\"kind\":\"local\"}");

  back = DECODE (pst_holiday, "{'date':'2026-01-01','name':'Tahun Baru 2026 Masehi',"
                              "'name_en':'New Year\\u0027s Day','kind':'national'}");
  again = encode_to_string (back, (PstJsonEncodeFunc) pst_holiday_to_json);
  g_assert_cmpstr (again, ==, text);

  /* PUT /offices/{code}/holidays gives only a date and a name. */
  bare = DECODE (pst_holiday, "{'date':'2026-03-13','name':'Hari Jadi'}");
  g_assert_cmpint (bare->kind, ==, PST_HOLIDAY_LOCAL);
  g_assert_null (bare->name_en);

  DECODE_FAILS (pst_holiday, "{'name':'x'}", PST_JSON_ERROR_INVALID_FIELD, "date");
  DECODE_FAILS (pst_holiday, "{'date':'2026-13-01','name':'x'}", PST_JSON_ERROR_INVALID_FIELD, "date");
  DECODE_FAILS (pst_holiday, "{'date':'2026-01-01','name':'x','kind':'religious'}",
                PST_JSON_ERROR_INVALID_FIELD, "kind");
}

static void
test_officer (void)
{
  g_autoptr(PstOfficer) officer = pst_officer_new ();
  g_autoptr(PstOfficer) admin = pst_officer_new ();
  g_autoptr(PstOfficer) decoded = NULL;
  g_autofree char *text = NULL;

  officer->id = g_strdup ("o-petugas1-7604");
  officer->username = g_strdup ("petugas1.7604");
  officer->name = g_strdup ("Nur Aisyah");
  officer->role = PST_ROLE_OFFICER;
  officer->office = g_strdup ("7604");
  officer->desk = g_strdup ("Meja 1");
  officer->presence = PST_PRESENCE_AVAILABLE;
  ROUND_TRIP (pst_officer, officer);

  officer->has_workload = TRUE;
  officer->workload_tickets = 1;
  officer->workload_consultations = 4;
  officer->workload_overdue = 1;
  ROUND_TRIP (pst_officer, officer);
  text = encode_to_string (officer, (PstJsonEncodeFunc) pst_officer_to_json);
  g_assert_cmpstr (text, ==,
                   "{\"id\":\"o-petugas1-7604\",\"username\":\"petugas1.7604\",\"name\":\"Nur Aisyah\","
                   "\"role\":\"officer\",\"office\":\"7604\",\"desk\":\"Meja 1\","
                   "\"presence\":\"available\","
                   "\"workload\":{\"tickets\":1,\"consultations\":4,\"overdue\":1}}");

  /* An admin has no office; minimal values round-trip with nulls. */
  admin->username = g_strdup ("admin");
  admin->name = g_strdup ("Administrator");
  admin->role = PST_ROLE_ADMIN;
  ROUND_TRIP (pst_officer, admin);

  /* The body of POST /officers (the password is read by the server). */
  decoded = DECODE (pst_officer, "{'username':'petugas2.7604','name':'Rahmat','role':'officer',"
                                 "'office':'7604','password':'rahasia-sekali'}");
  g_assert_null (decoded->id);
  g_assert_cmpint (decoded->presence, ==, PST_PRESENCE_OFFLINE);
  g_assert_false (decoded->has_workload);

  DECODE_FAILS (pst_officer, "{'username':'a','name':'b'}", PST_JSON_ERROR_INVALID_FIELD, "role");
  DECODE_FAILS (pst_officer, "{'username':'a','name':'b','role':'boss'}",
                PST_JSON_ERROR_INVALID_FIELD, "role");
  DECODE_FAILS (pst_officer, "{'username':'a','name':'b','role':'officer','presence':'busy'}",
                PST_JSON_ERROR_INVALID_FIELD, "presence");
  DECODE_FAILS (pst_officer, "{'username':'a','name':'b','role':'officer','workload':{'tickets':-1}}",
                PST_JSON_ERROR_INVALID_FIELD, "workload.tickets");
  DECODE_FAILS (pst_officer, "{'username':'a','name':'b','role':'officer','workload':3}",
                PST_JSON_ERROR_INVALID_FIELD, "workload");
}

static void
test_service_hours (void)
{
  g_autoptr(PstServiceHours) hours = pst_service_hours_new (5, 8 * 60, 16 * 60);
  g_autoptr(PstServiceHours) late = pst_service_hours_new (6, 0, 24 * 60);
  g_autofree char *text = encode_to_string (hours, (PstJsonEncodeFunc) pst_service_hours_to_json);

  g_assert_cmpstr (text, ==, "{\"weekday\":5,\"open\":\"08:00\",\"close\":\"16:00\"}");
  ROUND_TRIP (pst_service_hours, hours);
  ROUND_TRIP (pst_service_hours, late);

  DECODE_FAILS (pst_service_hours, "{'weekday':0,'open':'08:00','close':'15:30'}",
                PST_JSON_ERROR_INVALID_FIELD, "weekday");
  DECODE_FAILS (pst_service_hours, "{'weekday':8,'open':'08:00','close':'15:30'}",
                PST_JSON_ERROR_INVALID_FIELD, "weekday");
  DECODE_FAILS (pst_service_hours, "{'weekday':'1','open':'08:00','close':'15:30'}",
                PST_JSON_ERROR_INVALID_FIELD, "weekday");
  DECODE_FAILS (pst_service_hours, "{'weekday':1,'open':'8:00','close':'15:30'}",
                PST_JSON_ERROR_INVALID_FIELD, "open");
  DECODE_FAILS (pst_service_hours, "{'weekday':1,'open':'08:00','close':'15:60'}",
                PST_JSON_ERROR_INVALID_FIELD, "close");
  DECODE_FAILS (pst_service_hours, "{'weekday':1,'open':'08:00','close':'24:30'}",
                PST_JSON_ERROR_INVALID_FIELD, "close");
  DECODE_FAILS (pst_service_hours, "{'weekday':1,'open':'08:00','close':480}",
                PST_JSON_ERROR_INVALID_FIELD, "close");
  DECODE_FAILS (pst_service_hours, "{'weekday':1,'open':'15:30','close':'08:00'}",
                PST_JSON_ERROR_INVALID_FIELD, "close");
  DECODE_FAILS (pst_service_hours, "{'weekday':1,'open':'08:00'}",
                PST_JSON_ERROR_INVALID_FIELD, "close");
}

static void
test_standard (void)
{
  g_autoptr(PstStandard) standard = pst_standard_new ();
  g_autoptr(PstStandard) decoded = NULL;
  g_autofree char *text = encode_to_string (standard, (PstJsonEncodeFunc) pst_standard_to_json);

  /* The common standard has no session limit, WhatsApp or email target. */
  g_assert_cmpstr (text, ==,
                   "{\"walkin_wait_min\":10,\"session_max_min\":null,"
                   "\"web_response_working_days\":3,"
                   "\"whatsapp_first_response_working_days\":null,"
                   "\"email_response_working_days\":null,"
                   "\"idle_close\":{\"amount\":7,\"unit\":\"days\"},"
                   "\"complaint_response_working_days\":5}");
  ROUND_TRIP (pst_standard, standard);

  /* 7325 closes idle consultations after 3 working days; 1905 waits 5 min. */
  standard->walkin_wait_min = 5;
  standard->idle_close_amount = 3;
  standard->idle_close_unit = PST_DURATION_UNIT_WORKING_DAYS;
  standard->session_max_min = 60;
  standard->whatsapp_first_response_working_days = 1;
  standard->email_response_working_days = 3;
  ROUND_TRIP (pst_standard, standard);

  /* Everything is optional. */
  decoded = DECODE (pst_standard, "{}");
  g_assert_true (pst_standard_equal (decoded, &(PstStandard) {
    .walkin_wait_min = 10, .web_response_working_days = 3, .idle_close_amount = 7,
    .idle_close_unit = PST_DURATION_UNIT_DAYS, .complaint_response_working_days = 5 }));

  DECODE_FAILS (pst_standard, "{'walkin_wait_min':'10'}", PST_JSON_ERROR_INVALID_FIELD,
                "walkin_wait_min");
  DECODE_FAILS (pst_standard, "{'walkin_wait_min':0}", PST_JSON_ERROR_INVALID_FIELD,
                "walkin_wait_min");
  DECODE_FAILS (pst_standard, "{'session_max_min':1.5}", PST_JSON_ERROR_INVALID_FIELD,
                "session_max_min");
  DECODE_FAILS (pst_standard, "{'email_response_working_days':-1}", PST_JSON_ERROR_INVALID_FIELD,
                "email_response_working_days");
  DECODE_FAILS (pst_standard, "{'idle_close':{'amount':7,'unit':'weeks'}}",
                PST_JSON_ERROR_INVALID_FIELD, "idle_close.unit");
  DECODE_FAILS (pst_standard, "{'idle_close':{'unit':'days'}}",
                PST_JSON_ERROR_INVALID_FIELD, "idle_close.amount");
  DECODE_FAILS (pst_standard, "{'idle_close':'7 days'}", PST_JSON_ERROR_INVALID_FIELD,
                "idle_close");
}

static void
test_complaint_channel_entry (void)
{
  g_autoptr(PstComplaintChannelEntry) entry =
    pst_complaint_channel_entry_new (PST_COMPLAINT_CHANNEL_SMS, "0812-1000-7604");

  ROUND_TRIP (pst_complaint_channel_entry, entry);
  DECODE_FAILS (pst_complaint_channel_entry, "{'kind':'fax','value':'1'}",
                PST_JSON_ERROR_INVALID_FIELD, "kind");
  DECODE_FAILS (pst_complaint_channel_entry, "{'kind':'sms'}",
                PST_JSON_ERROR_INVALID_FIELD, "value");
}

static void
test_office_round_trip (void)
{
  g_autoptr(PstOffice) office = make_office_7604 ();
  g_autoptr(PstOffice) minimal = pst_office_new ();
  g_autoptr(PstOffice) copy = NULL;
  g_autofree char *summary = NULL;

  ROUND_TRIP (pst_office, office);

  minimal->code = g_strdup ("8205");
  minimal->name = g_strdup ("BPS Kabupaten Halmahera Utara");
  minimal->timezone = g_strdup ("Asia/Jayapura");
  ROUND_TRIP (pst_office, minimal);

  copy = pst_office_copy (office);
  g_assert_true (pst_office_equal (copy, office));
  g_ptr_array_remove_index (copy->holidays, 0);
  g_assert_false (pst_office_equal (copy, office));
  g_assert_cmpuint (office->holidays->len, ==, 4);

  summary = encode_to_string (office, (PstJsonEncodeFunc) pst_office_summary_to_json);
  g_assert_cmpstr (summary, ==,
                   "{\"code\":\"7604\",\"name\":\"BPS Kabupaten Mamuju\",\"timezone\":\"Asia/Makassar\"}");
}

static const char office_7604_text[] =
  "{'code':'7604','name':'BPS Kabupaten Mamuju','timezone':'Asia/Makassar',"
  "'sk_number':'341/KPG TAHUN 2022',"
  "'address':'Jl. Trans Sulawesi Lingkungan Timbu, Kelurahan Mamunyu, Kecamatan Mamuju, "
  "Sulawesi Barat 91511',"
  "'phone':'081210007604','guest_book_stage':'at_desk',"
  "'service_hours':[{'weekday':1,'open':'08:00','close':'15:30'},"
  "{'weekday':2,'open':'08:00','close':'15:30'},{'weekday':3,'open':'08:00','close':'15:30'},"
  "{'weekday':4,'open':'08:00','close':'15:30'},{'weekday':5,'open':'08:00','close':'16:00'}],"
  "'holidays':[{'date':'2026-01-01','name':'Tahun Baru 2026 Masehi','name_en':'New Year\\u0027s Day',"
  "'kind':'national'},"
  "{'date':'2026-08-17','name':'Hari Proklamasi Kemerdekaan RI','kind':'national'},"
  "{'date':'2026-12-24','name':'Cuti Bersama Hari Raya Natal','kind':'cuti_bersama'},"
  "{'date':'2026-03-13','name':'Hari Jadi Kabupaten Mamuju','kind':'local'}],"
  "'standard':{'walkin_wait_min':10,'session_max_min':60,'web_response_working_days':3,"
  "'whatsapp_first_response_working_days':1,'email_response_working_days':3,"
  "'idle_close':{'amount':7,'unit':'days'},'complaint_response_working_days':5},"
  "'complaint_channels':["
  "{'kind':'suggestion_box','value':'Kotak saran dan pengaduan pada unit PST BPS Kabupaten Mamuju'},"
  "{'kind':'website','value':'http://s.bps.go.id/saran-pengaduan-sulbar'},"
  "{'kind':'email','value':'bps7604@bps.go.id'},"
  "{'kind':'whatsapp','value':'0812-1000-7604'},"
  "{'kind':'lapor','value':'www.lapor.go.id'}]}";

static void
test_office_decode (void)
{
  g_autoptr(PstOffice) expected = make_office_7604 ();
  g_autoptr(PstOffice) office = DECODE (pst_office, office_7604_text);
  PstHoliday *local;

  g_assert_true (pst_office_equal (office, expected));
  g_assert_cmpuint (office->service_hours->len, ==, 5);
  g_assert_cmpint (((PstServiceHours *) g_ptr_array_index (office->service_hours, 4))->close_minute,
                   ==, 16 * 60);
  g_assert_cmpint (office->standard->session_max_min, ==, 60);
  g_assert_cmpint (office->standard->whatsapp_first_response_working_days, ==, 1);
  g_assert_cmpint (office->guest_book_stage, ==, PST_GUEST_BOOK_AT_DESK);

  /* A local closure belongs to the office; national days to nobody. */
  local = g_ptr_array_index (office->holidays, 3);
  g_assert_cmpstr (local->office, ==, "7604");
  g_assert_null (((PstHoliday *) g_ptr_array_index (office->holidays, 0))->office);
}

static void
test_office_invalid (void)
{
  DECODE_FAILS (pst_office, "{'code':'7604','name':'BPS Kabupaten Mamuju'}",
                PST_JSON_ERROR_INVALID_FIELD, "timezone");
  DECODE_FAILS (pst_office, "{'code':'7604','name':'x','timezone':'Asia/Mamuju'}",
                PST_JSON_ERROR_INVALID_FIELD, "timezone");
  DECODE_FAILS (pst_office, "{'code':7604,'name':'x','timezone':'Asia/Makassar'}",
                PST_JSON_ERROR_INVALID_FIELD, "code");
  DECODE_FAILS (pst_office, "{'code':'7604','name':'x','timezone':'Asia/Makassar',"
                            "'guest_book_stage':'after_queue'}",
                PST_JSON_ERROR_INVALID_FIELD, "guest_book_stage");
  DECODE_FAILS (pst_office, "{'code':'7604','name':'x','timezone':'Asia/Makassar',"
                            "'service_hours':[{'weekday':1,'open':'08:00','close':'15:30'},"
                            "{'weekday':2,'open':'15:30','close':'08:00'}]}",
                PST_JSON_ERROR_INVALID_FIELD, "service_hours[1].close");
  DECODE_FAILS (pst_office, "{'code':'7604','name':'x','timezone':'Asia/Makassar',"
                            "'service_hours':[1]}",
                PST_JSON_ERROR_INVALID_FIELD, "service_hours[0]");
  DECODE_FAILS (pst_office, "{'code':'7604','name':'x','timezone':'Asia/Makassar',"
                            "'service_hours':{}}",
                PST_JSON_ERROR_INVALID_FIELD, "service_hours");
  DECODE_FAILS (pst_office, "{'code':'7604','name':'x','timezone':'Asia/Makassar',"
                            "'holidays':[{'date':'2026-02-30','name':'x'}]}",
                PST_JSON_ERROR_INVALID_FIELD, "holidays[0].date");
  DECODE_FAILS (pst_office, "{'code':'7604','name':'x','timezone':'Asia/Makassar',"
                            "'standard':{'idle_close':{'amount':7,'unit':'hours'}}}",
                PST_JSON_ERROR_INVALID_FIELD, "standard.idle_close.unit");
  DECODE_FAILS (pst_office, "{'code':'7604','name':'x','timezone':'Asia/Makassar',"
                            "'complaint_channels':[{'kind':'email','value':''}]}",
                PST_JSON_ERROR_INVALID_FIELD, "complaint_channels[0].value");
}

static void
test_guest_book (void)
{
  g_autoptr(PstGuestBook) gb = make_guest_book ();
  g_autoptr(PstGuestBook) minimal = pst_guest_book_new ();

  ROUND_TRIP (pst_guest_book, gb);

  minimal->name = g_strdup ("Tamu");
  minimal->id_type = PST_ID_TYPE_PASSPORT;
  ROUND_TRIP (pst_guest_book, minimal);

  DECODE_FAILS (pst_guest_book, "{'name':'Andi'}", PST_JSON_ERROR_INVALID_FIELD, "id_type");
  DECODE_FAILS (pst_guest_book, "{'name':'Andi','id_type':'npwp'}",
                PST_JSON_ERROR_INVALID_FIELD, "id_type");
  DECODE_FAILS (pst_guest_book, "{'name':'Andi','id_type':'ktp','email':5}",
                PST_JSON_ERROR_INVALID_FIELD, "email");
  DECODE_FAILS (pst_guest_book, "{'name':'Andi','id_type':'ktp','id_number':7604012345678901}",
                PST_JSON_ERROR_INVALID_FIELD, "id_number");
}

/* The full NIK comes in with PUT /tickets/{id}/guest-book and never goes
 * out again, neither alone nor inside a ticket or an event.
 */
static void
test_guest_book_id_number_private (void)
{
  static const char nik[] = "7604012345678901";
  g_autoptr(PstGuestBook) gb = NULL;
  g_autoptr(PstGuestBook) copy = NULL;
  g_autoptr(PstTicket) ticket = make_ticket ();
  g_autoptr(PstEvent) event = NULL;
  g_autofree char *gb_text = NULL;
  g_autofree char *ticket_text = NULL;
  g_autofree char *event_text = NULL;

  gb = DECODE (pst_guest_book, "{'name':'Andi Saputra','id_type':'ktp',"
                               "'id_number':'7604012345678901','email':'andi@example.com',"
                               "'phone':'081234567890','institution':'Universitas Tomakaka',"
                               "'occupation':'Mahasiswa','purpose':'Data kemiskinan'}");
  g_assert_cmpstr (gb->id_number, ==, nik);
  g_assert_null (gb->id_number_masked);

  copy = pst_guest_book_copy (gb);
  g_assert_cmpstr (copy->id_number, ==, nik);

  gb->id_number_masked = g_strdup ("************8901");
  gb_text = encode_to_string (gb, (PstJsonEncodeFunc) pst_guest_book_to_json);
  g_assert_null (strstr (gb_text, nik));
  g_assert_null (strstr (gb_text, "\"id_number\""));
  g_assert_nonnull (strstr (gb_text, "\"id_number_masked\":\"************8901\""));

  g_clear_pointer (&ticket->guest_book, pst_guest_book_free);
  ticket->guest_book = g_steal_pointer (&gb);
  ticket_text = encode_to_string (ticket, (PstJsonEncodeFunc) pst_ticket_to_json);
  g_assert_null (strstr (ticket_text, nik));

  event = pst_event_new ("ticket.guest_book", "7604", pst_ticket_to_json (ticket));
  event_text = encode_to_string (event, (PstJsonEncodeFunc) pst_event_to_json);
  g_assert_null (strstr (event_text, nik));
}

static void
test_ticket_round_trip (void)
{
  g_autoptr(PstTicket) ticket = make_ticket ();
  g_autoptr(PstTicket) minimal = pst_ticket_new ();
  g_autoptr(PstTicket) copy = NULL;
  g_autofree char *text = NULL;

  ROUND_TRIP (pst_ticket, ticket);

  minimal->service = PST_SERVICE_LIBRARY;
  ROUND_TRIP (pst_ticket, minimal);

  text = encode_to_string (minimal, (PstJsonEncodeFunc) pst_ticket_to_json);
  g_assert_cmpstr (text, ==,
                   "{\"id\":null,\"office\":null,\"number\":null,\"service\":\"library\","
                   "\"status\":\"waiting\",\"desk\":null,\"officer\":null,\"issued_at\":null,"
                   "\"called_at\":null,\"started_at\":null,\"finished_at\":null,\"wait_due\":null,"
                   "\"guest_book\":null,\"topic\":null,\"outcome\":null,\"notes\":null,"
                   "\"history\":[]}");

  /* Copies are deep. */
  copy = pst_ticket_copy (ticket);
  g_assert_true (pst_ticket_equal (copy, ticket));
  g_free (copy->guest_book->email);
  copy->guest_book->email = g_strdup ("other@example.com");
  g_assert_false (pst_ticket_equal (copy, ticket));
  ((PstTicketHistoryEntry *) g_ptr_array_index (copy->history, 0))->at += 1;
  g_assert_cmpint (((PstTicketHistoryEntry *) g_ptr_array_index (ticket->history, 0))->at, ==,
                   at ("2026-03-02T08:05:00+08:00"));
}

static void
test_ticket_decode (void)
{
  g_autoptr(PstTicket) ticket = NULL;
  PstTicketHistoryEntry *called;

  ticket = DECODE (pst_ticket,
    "{'id':'t-7604-20260302-k001','office':'7604','number':'K-001','service':'consultation',"
    "'status':'serving','desk':'Meja 1','officer':'o-petugas1-7604',"
    "'issued_at':'2026-03-02T00:05:00Z','called_at':'2026-03-02T00:09:30Z',"
    "'started_at':'2026-03-02T00:11:00Z','finished_at':null,'wait_due':'2026-03-02T00:15:00Z',"
    "'guest_book':{'name':'Andi Saputra','id_type':'ktp','id_number_masked':'************1234',"
    "'email':'andi.saputra@example.com','phone':'081234567890',"
    "'institution':'Universitas Tomakaka','occupation':'Mahasiswa',"
    "'purpose':'Data kemiskinan Kabupaten Mamuju 2025'},"
    "'topic':null,'outcome':null,'notes':null,"
    "'history':[{'at':'2026-03-02T00:05:00Z','action':'issued','from':null,'to':'waiting',"
    "'officer':null,'detail':null},"
    "{'at':'2026-03-02T00:09:30Z','action':'called','from':'waiting','to':'called',"
    "'officer':'o-petugas1-7604','detail':'Meja 1'},"
    "{'at':'2026-03-02T00:11:00Z','action':'started','from':'called','to':'serving',"
    "'officer':'o-petugas1-7604','detail':null}]}");

  g_assert_cmpstr (ticket->number, ==, "K-001");
  g_assert_cmpint (ticket->status, ==, PST_TICKET_STATUS_SERVING);
  g_assert_cmpint (ticket->issued_at, ==, at ("2026-03-02T08:05:00+08:00"));
  g_assert_cmpint (ticket->finished_at, ==, PST_TIME_UNSET);
  g_assert_false (ticket->has_topic);
  g_assert_nonnull (ticket->guest_book);
  g_assert_cmpstr (ticket->guest_book->id_number_masked, ==, "************1234");
  g_assert_null (ticket->guest_book->id_number);
  g_assert_cmpuint (ticket->history->len, ==, 3);
  g_assert_false (((PstTicketHistoryEntry *) g_ptr_array_index (ticket->history, 0))->has_from_status);
  called = g_ptr_array_index (ticket->history, 1);
  g_assert_true (called->has_from_status);
  g_assert_cmpint (called->from_status, ==, PST_TICKET_STATUS_WAITING);
  g_assert_cmpint (called->to_status, ==, PST_TICKET_STATUS_CALLED);
  g_assert_cmpstr (called->detail, ==, "Meja 1");
}

static void
test_ticket_invalid (void)
{
  DECODE_FAILS (pst_ticket, "{'status':'waiting'}", PST_JSON_ERROR_INVALID_FIELD, "service");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','status':'queued'}",
                PST_JSON_ERROR_INVALID_FIELD, "status");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','number':5}",
                PST_JSON_ERROR_INVALID_FIELD, "number");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','issued_at':'yesterday'}",
                PST_JSON_ERROR_INVALID_FIELD, "issued_at");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','wait_due':1772409300}",
                PST_JSON_ERROR_INVALID_FIELD, "wait_due");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','topic':'weather'}",
                PST_JSON_ERROR_INVALID_FIELD, "topic");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','guest_book':{'name':'A','id_type':'ktp',"
                            "'email':true}}",
                PST_JSON_ERROR_INVALID_FIELD, "guest_book.email");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','guest_book':'Andi'}",
                PST_JSON_ERROR_INVALID_FIELD, "guest_book");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','history':[{'at':'2026-03-02T00:05:00Z',"
                            "'action':'issued','to':'waiting'},{'at':'2026-03-02T00:09:30Z',"
                            "'action':'called','from':'waiting','to':'queued'}]}",
                PST_JSON_ERROR_INVALID_FIELD, "history[1].to");
  DECODE_FAILS (pst_ticket, "{'service':'consultation','history':[{'action':'issued','to':'waiting'}]}",
                PST_JSON_ERROR_INVALID_FIELD, "history[0].at");
  DECODE_FAILS (pst_ticket_history_entry, "{'at':'2026-03-02T00:05:00Z','action':'called',"
                                          "'from':3,'to':'called'}",
                PST_JSON_ERROR_INVALID_FIELD, "from");
}

static void
test_requester_sla_follow_up (void)
{
  g_autoptr(PstRequester) requester = pst_requester_new ("Siti", "siti@example.com", "+628111");
  g_autoptr(PstRequester) anonymous = pst_requester_new (NULL, NULL, NULL);
  g_autoptr(PstSla) sla = pst_sla_new ();
  g_autoptr(PstKbSearched) searched = pst_kb_searched_new ("inflasi");
  g_autoptr(PstKbSearched) empty = pst_kb_searched_new (NULL);
  g_autoptr(PstFollowUp) follow_up = pst_follow_up_new (PST_FOLLOW_UP_IN_PERSON,
                                                        at ("2026-03-04T02:00:00Z"), NULL);
  g_autofree char *sla_text = NULL;

  ROUND_TRIP (pst_requester, requester);
  ROUND_TRIP (pst_requester, anonymous);

  sla->first_response_due = at ("2026-03-05T07:30:00Z");
  sla->state = PST_BADGE_BREACHED;
  ROUND_TRIP (pst_sla, sla);
  sla_text = encode_to_string (sla, (PstJsonEncodeFunc) pst_sla_to_json);
  g_assert_cmpstr (sla_text, ==,
                   "{\"first_response_due\":\"2026-03-05T07:30:00Z\",\"idle_close_at\":null,"
                   "\"state\":\"breached\"}");
  sla->idle_close_at = at ("2026-03-12T07:30:00Z");
  ROUND_TRIP (pst_sla, sla);

  g_ptr_array_add (searched->viewed, g_strdup ("kb-7"));
  ROUND_TRIP (pst_kb_searched, searched);
  ROUND_TRIP (pst_kb_searched, empty);

  ROUND_TRIP (pst_follow_up, follow_up);
  g_free (follow_up->link);
  follow_up->mode = PST_FOLLOW_UP_ZOOM;
  follow_up->link = g_strdup ("https://zoom.us/j/1");
  ROUND_TRIP (pst_follow_up, follow_up);

  DECODE_FAILS (pst_requester, "{'name':['Siti']}", PST_JSON_ERROR_INVALID_FIELD, "name");
  DECODE_FAILS (pst_sla, "{'first_response_due':'2026-03-05T07:30:00Z','state':'late'}",
                PST_JSON_ERROR_INVALID_FIELD, "state");
  DECODE_FAILS (pst_sla, "{'state':'ok'}", PST_JSON_ERROR_INVALID_FIELD, "first_response_due");
  DECODE_FAILS (pst_kb_searched, "{'query':'x','viewed':[12]}",
                PST_JSON_ERROR_INVALID_FIELD, "viewed[0]");
  DECODE_FAILS (pst_follow_up, "{'mode':'phone','at':'2026-03-04T02:00:00Z'}",
                PST_JSON_ERROR_INVALID_FIELD, "mode");
  DECODE_FAILS (pst_follow_up, "{'mode':'zoom'}", PST_JSON_ERROR_INVALID_FIELD, "at");
}

static void
test_message (void)
{
  g_autoptr(PstMessage) message = make_message ("m-2", PST_AUTHOR_OFFICER, "o-petugas2-7604",
                                                "Silakan lihat tabel berikut.",
                                                "2026-03-02T10:00:00+08:00");
  g_autoptr(PstMessage) minimal = pst_message_new ();
  g_autoptr(PstMessage) posted = NULL;

  g_ptr_array_add (message->kb_article_ids, g_strdup ("kb-12"));
  g_ptr_array_add (message->kb_article_ids, g_strdup ("kb-31"));
  ROUND_TRIP (pst_message, message);

  minimal->body = g_strdup ("Terima kasih.");
  ROUND_TRIP (pst_message, minimal);

  /* The body of POST /consultations/{id}/messages. */
  posted = DECODE (pst_message, "{'body':'Terima kasih.','kb_article_ids':['kb-1']}");
  g_assert_cmpstr (posted->body, ==, "Terima kasih.");
  g_assert_cmpuint (posted->kb_article_ids->len, ==, 1);

  DECODE_FAILS (pst_message, "{'body':''}", PST_JSON_ERROR_INVALID_FIELD, "body");
  DECODE_FAILS (pst_message, "{'body':'x','author':'bot'}", PST_JSON_ERROR_INVALID_FIELD, "author");
  DECODE_FAILS (pst_message, "{'body':'x','kb_article_ids':'kb-1'}",
                PST_JSON_ERROR_INVALID_FIELD, "kb_article_ids");
}

static void
test_consultation_round_trip (void)
{
  g_autoptr(PstConsultation) full = make_consultation (TRUE);
  g_autoptr(PstConsultation) listed = make_consultation (FALSE);
  g_autoptr(PstConsultation) minimal = pst_consultation_new ();
  g_autofree char *listed_text = NULL;
  g_autofree char *minimal_text = NULL;

  ROUND_TRIP (pst_consultation, full);
  ROUND_TRIP (pst_consultation, listed);

  /* Lists leave the messages out. */
  listed_text = encode_to_string (listed, (PstJsonEncodeFunc) pst_consultation_to_json);
  g_assert_null (strstr (listed_text, "\"messages\""));

  minimal->subject = g_strdup ("Tanya data");
  minimal->category = PST_CATEGORY_OTHER;
  ROUND_TRIP (pst_consultation, minimal);
  minimal_text = encode_to_string (minimal, (PstJsonEncodeFunc) pst_consultation_to_json);
  g_assert_cmpstr (minimal_text, ==,
                   "{\"id\":null,\"office\":null,\"channel\":\"web\",\"subject\":\"Tanya data\","
                   "\"category\":\"other\",\"status\":\"open\",\"resolution\":null,"
                   "\"requester\":null,\"assignee\":null,\"created_at\":null,\"sla\":null,"
                   "\"kb_searched\":null,\"follow_up\":null,\"last_message_at\":null}");

  /* An empty thread is not the same as one not loaded. */
  minimal->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_message_free);
  ROUND_TRIP (pst_consultation, minimal);
}

static void
test_consultation_decode (void)
{
  g_autoptr(PstConsultation) expected = make_consultation (TRUE);
  g_autoptr(PstConsultation) c = NULL;

  c = DECODE (pst_consultation,
    "{'id':'c-7604-0042','office':'7604','channel':'whatsapp',"
    "'subject':'Persentase penduduk miskin Mamuju 2024','category':'data','status':'closed',"
    "'resolution':'answered',"
    "'requester':{'name':'Siti Rahma','email':'siti.rahma@example.com','phone':'+6281355512345'},"
    "'assignee':'o-petugas2-7604','created_at':'2026-03-02T01:00:00Z',"
    "'sla':{'first_response_due':'2026-03-03T07:30:00Z','idle_close_at':'2026-03-09T02:00:00Z',"
    "'state':'warning'},"
    "'kb_searched':{'query':'kemiskinan mamuju','viewed':['kb-12','kb-31']},"
    "'follow_up':{'mode':'zoom','at':'2026-03-04T02:00:00Z','link':'https://zoom.us/j/123456789'},"
    "'last_message_at':'2026-03-02T02:00:00Z',"
    "'messages':[{'id':'m-1','consultation':'c-7604-0042','author':'requester','officer':null,"
    "'body':'Berapa persentase penduduk miskin Mamuju 2024?','kb_article_ids':[],"
    "'at':'2026-03-02T01:00:00Z'},"
    "{'id':'m-2','consultation':'c-7604-0042','author':'officer','officer':'o-petugas2-7604',"
    "'body':'Silakan lihat tabel berikut.','kb_article_ids':['kb-12'],'at':'2026-03-02T02:00:00Z'}]}");

  g_assert_true (pst_consultation_equal (c, expected));
  g_assert_cmpint (c->sla->state, ==, PST_BADGE_WARNING);
  g_assert_cmpstr (g_ptr_array_index (c->kb_searched->viewed, 1), ==, "kb-31");
  g_assert_cmpint (c->follow_up->mode, ==, PST_FOLLOW_UP_ZOOM);
  g_assert_cmpuint (c->messages->len, ==, 2);
}

static void
test_consultation_invalid (void)
{
  DECODE_FAILS (pst_consultation, "{'category':'data'}", PST_JSON_ERROR_INVALID_FIELD, "subject");
  DECODE_FAILS (pst_consultation, "{'subject':'x'}", PST_JSON_ERROR_INVALID_FIELD, "category");
  DECODE_FAILS (pst_consultation, "{'subject':'x','category':'data','channel':'telegram'}",
                PST_JSON_ERROR_INVALID_FIELD, "channel");
  DECODE_FAILS (pst_consultation, "{'subject':'x','category':'data','resolution':'solved'}",
                PST_JSON_ERROR_INVALID_FIELD, "resolution");
  DECODE_FAILS (pst_consultation, "{'subject':'x','category':'data','requester':{'email':1}}",
                PST_JSON_ERROR_INVALID_FIELD, "requester.email");
  DECODE_FAILS (pst_consultation, "{'subject':'x','category':'data',"
                                  "'sla':{'first_response_due':'soon','state':'ok'}}",
                PST_JSON_ERROR_INVALID_FIELD, "sla.first_response_due");
  DECODE_FAILS (pst_consultation, "{'subject':'x','category':'data',"
                                  "'kb_searched':{'query':'x','viewed':['a',null]}}",
                PST_JSON_ERROR_INVALID_FIELD, "kb_searched.viewed[1]");
  DECODE_FAILS (pst_consultation, "{'subject':'x','category':'data',"
                                  "'follow_up':{'mode':'zoom','at':'tomorrow'}}",
                PST_JSON_ERROR_INVALID_FIELD, "follow_up.at");
  DECODE_FAILS (pst_consultation, "{'subject':'x','category':'data','messages':[{'body':'a'},"
                                  "{'author':'officer'}]}",
                PST_JSON_ERROR_INVALID_FIELD, "messages[1].body");
}

static void
test_kb_article (void)
{
  g_autoptr(PstKbArticle) article = make_kb_article ();
  g_autoptr(PstKbArticle) national = pst_kb_article_new ();
  g_autoptr(PstKbArticle) imported = NULL;

  ROUND_TRIP (pst_kb_article, article);

  national->lang = PST_LANG_EN;
  national->title = g_strdup ("How does BPS measure poverty?");
  national->body = g_strdup ("BPS uses the basic needs approach.");
  ROUND_TRIP (pst_kb_article, national);

  /* An element of POST /kb/import. */
  imported = DECODE (pst_kb_article, "{'external_id':'faq-01','lang':'en','title':'Inflation',"
                                     "'body':'Consumer prices…','tags':['cpi'],'category':'data'}");
  g_assert_null (imported->id);
  g_assert_null (imported->office);
  g_assert_cmpint (imported->views, ==, 0);

  DECODE_FAILS (pst_kb_article, "{'lang':'jv','title':'x','body':'y'}",
                PST_JSON_ERROR_INVALID_FIELD, "lang");
  DECODE_FAILS (pst_kb_article, "{'lang':'id','title':'x','body':'y','views':-1}",
                PST_JSON_ERROR_INVALID_FIELD, "views");
  DECODE_FAILS (pst_kb_article, "{'lang':'id','title':'x','body':'y','helpful':'many'}",
                PST_JSON_ERROR_INVALID_FIELD, "helpful");
  DECODE_FAILS (pst_kb_article, "{'lang':'id','title':'x','body':'y','tags':['a',{}]}",
                PST_JSON_ERROR_INVALID_FIELD, "tags[1]");
  DECODE_FAILS (pst_kb_article, "{'lang':'id','title':'x','body':'y','updated_at':'2026-02-10'}",
                PST_JSON_ERROR_INVALID_FIELD, "updated_at");
}

static void
test_rating (void)
{
  g_autoptr(PstRating) rating = make_rating ();
  g_autoptr(PstRating) minimal = pst_rating_new ();
  g_autoptr(PstRating) posted = NULL;
  g_autofree char *text = NULL;

  ROUND_TRIP (pst_rating, rating);
  text = encode_to_string (rating, (PstJsonEncodeFunc) pst_rating_to_json);
  g_assert_nonnull (strstr (text, "\"scores\":[4,3,4,4,3,4,4,2,1]"));
  g_assert_nonnull (strstr (text, "\"consultation\":null"));

  minimal->consultation = g_strdup ("c-1");
  minimal->channel = PST_CHANNEL_WEB;
  for (guint i = 0; i < PST_RATING_N_SCORES; i++)
    minimal->scores[i] = 4;
  ROUND_TRIP (pst_rating, minimal);

  /* The body of POST /public/ratings (the access token is the server's). */
  posted = DECODE (pst_rating, "{'consultation':'c-7604-0042','access_token':'secret',"
                               "'scores':[1,2,3,4,1,2,3,4,1],'comment':'Cepat.'}");
  g_assert_cmpint (posted->scores[8], ==, 1);
  g_assert_cmpint (posted->scores[3], ==, 4);
}

static void
test_rating_invalid (void)
{
  DECODE_FAILS (pst_rating, "{'ticket':'t-1'}", PST_JSON_ERROR_INVALID_FIELD, "scores");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','scores':[4,4,4,4,4,4,4,4,4,4]}",
                PST_JSON_ERROR_INVALID_FIELD, "scores");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','scores':[4,4,4,4,4,4,4,4]}",
                PST_JSON_ERROR_INVALID_FIELD, "scores");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','scores':[4,4,4,5,4,4,4,4,4]}",
                PST_JSON_ERROR_INVALID_FIELD, "scores[3]");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','scores':[4,4,4,4,4,4,4,4,0]}",
                PST_JSON_ERROR_INVALID_FIELD, "scores[8]");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','scores':[4,4,'4',4,4,4,4,4,4]}",
                PST_JSON_ERROR_INVALID_FIELD, "scores[2]");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','scores':[4,4,4,4,3.5,4,4,4,4]}",
                PST_JSON_ERROR_INVALID_FIELD, "scores[4]");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','scores':'444444444'}",
                PST_JSON_ERROR_INVALID_FIELD, "scores");
  DECODE_FAILS (pst_rating, "{'scores':[4,4,4,4,4,4,4,4,4]}",
                PST_JSON_ERROR_INVALID_FIELD, "consultation");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','consultation':'c-1','scores':[4,4,4,4,4,4,4,4,4]}",
                PST_JSON_ERROR_INVALID_FIELD, "ticket");
  DECODE_FAILS (pst_rating, "{'ticket':'t-1','channel':'fax','scores':[4,4,4,4,4,4,4,4,4]}",
                PST_JSON_ERROR_INVALID_FIELD, "channel");
}

static void
test_complaint (void)
{
  g_autoptr(PstComplaint) complaint = make_complaint ();
  g_autoptr(PstComplaint) minimal = pst_complaint_new ();
  g_autoptr(PstComplaint) anonymous = NULL;

  ROUND_TRIP (pst_complaint, complaint);

  minimal->office = g_strdup ("7325");
  minimal->channel = PST_COMPLAINT_CHANNEL_SUGGESTION_BOX;
  minimal->body = g_strdup ("Antrian terlalu lama.");
  ROUND_TRIP (pst_complaint, minimal);

  /* POST /public/complaints with an empty reporter. */
  anonymous = DECODE (pst_complaint, "{'office':'7604','channel':'website','reporter':{},"
                                     "'body':'Tidak ada balasan.'}");
  g_assert_nonnull (anonymous->reporter);
  g_assert_null (anonymous->reporter->name);
  g_assert_cmpint (anonymous->status, ==, PST_COMPLAINT_STATUS_RECEIVED);

  DECODE_FAILS (pst_complaint, "{'channel':'website','body':'x'}",
                PST_JSON_ERROR_INVALID_FIELD, "office");
  DECODE_FAILS (pst_complaint, "{'office':'7604','channel':'pigeon','body':'x'}",
                PST_JSON_ERROR_INVALID_FIELD, "channel");
  DECODE_FAILS (pst_complaint, "{'office':'7604','channel':'website','body':'x','status':'open'}",
                PST_JSON_ERROR_INVALID_FIELD, "status");
  DECODE_FAILS (pst_complaint, "{'office':'7604','channel':'website','body':'x',"
                               "'reporter':{'phone':62812}}",
                PST_JSON_ERROR_INVALID_FIELD, "reporter.phone");
}

static void
test_event (void)
{
  const char *data_texts[] = {
    "{'id':'t-1','status':'called','desk':'Meja 2'}",
    "{'nested':{'deeper':[1,2,{'x':null}]},'f':1.25,'b':false}",
    "[1,'two',null]",
    "'just text'",
    "17",
  };
  g_autoptr(PstEvent) bare = pst_event_new ("officer.presence", NULL, NULL);
  g_autoptr(PstEvent) resync = NULL;
  g_autofree char *bare_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (data_texts); i++)
    {
      g_autoptr(PstEvent) event = pst_event_new ("ticket.called", "7604", parse (data_texts[i]));
      g_autoptr(PstEvent) copy = NULL;

      event->seq = 1000 + i;
      event->at = at ("2026-03-02T00:09:30Z");
      ROUND_TRIP (pst_event, event);

      copy = pst_event_copy (event);
      g_assert_true (pst_event_equal (copy, event));
      g_assert_true (copy->data != event->data);
    }

  bare->seq = G_GINT64_CONSTANT (9007199254740993);
  bare->at = at ("2026-03-02T00:00:00Z");
  ROUND_TRIP (pst_event, bare);
  bare_text = encode_to_string (bare, (PstJsonEncodeFunc) pst_event_to_json);
  g_assert_cmpstr (bare_text, ==,
                   "{\"seq\":9007199254740993,\"type\":\"officer.presence\","
                   "\"at\":\"2026-03-02T00:00:00Z\",\"office\":null,\"data\":null}");

  /* The WebSocket's resync frame is an event with just a type. */
  resync = DECODE (pst_event, "{'type':'resync'}");
  g_assert_cmpstr (resync->type, ==, PST_EVENT_TYPE_RESYNC);
  g_assert_null (resync->data);

  DECODE_FAILS (pst_event, "{'seq':1}", PST_JSON_ERROR_INVALID_FIELD, "type");
  DECODE_FAILS (pst_event, "{'seq':'1','type':'x'}", PST_JSON_ERROR_INVALID_FIELD, "seq");
  DECODE_FAILS (pst_event, "{'seq':1,'type':'x','at':'now'}", PST_JSON_ERROR_INVALID_FIELD, "at");
}

static void
test_changes (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_event_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) empty_node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty_text = NULL;
  gint64 last_seq = 0;

  for (int i = 0; i < 3; i++)
    {
      PstEvent *event = pst_event_new ("message.created", "7604",
                                       parse ("{'consultation':'c-7604-0042'}"));

      event->seq = 41 + i;
      event->at = at ("2026-03-02T02:00:00Z") + i;
      g_ptr_array_add (events, event);
    }

  node = pst_changes_to_json (events, 43);
  back = pst_changes_from_json (node, &last_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last_seq, ==, 43);
  g_assert_cmpuint (back->len, ==, 3);
  for (guint i = 0; i < back->len; i++)
    g_assert_true (pst_event_equal (g_ptr_array_index (back, i), g_ptr_array_index (events, i)));

  empty_node = pst_changes_to_json (NULL, 0);
  empty_text = pst_json_to_string (empty_node);
  g_assert_cmpstr (empty_text, ==, "{\"events\":[],\"last_seq\":0}");
  empty = pst_changes_from_json (empty_node, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  /* Both members are required. */
  {
    const char *texts[] = { "{'last_seq':1}", "{'events':[]}", "{'events':[{'seq':1}],'last_seq':1}" };
    const char *fields[] = { "events", "last_seq", "events[0].type" };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(JsonNode) bad = parse (texts[i]);
        g_autoptr(GPtrArray) none = pst_changes_from_json (bad, &last_seq, &error);

        g_assert_null (none);
        g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
        g_assert_cmpstr (pst_json_error_get_field (error), ==, fields[i]);
        g_clear_error (&error);
      }
  }
}

static void
test_list_envelope (void)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_ticket_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) last_page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *last_text = NULL;
  PstTicket *second = pst_ticket_new ();

  g_ptr_array_add (tickets, make_ticket ());
  second->number = g_strdup ("K-002");
  g_ptr_array_add (tickets, second);

  node = pst_json_list_to_json (tickets, (PstJsonEncodeFunc) pst_ticket_to_json, "c2");
  back = pst_json_list_from_json (node, (PstJsonDecodeFunc) pst_ticket_from_json,
                                  (GDestroyNotify) pst_ticket_free, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cursor, ==, "c2");
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_true (pst_ticket_equal (g_ptr_array_index (back, 1), second));

  last_page = pst_json_list_to_json (NULL, (PstJsonEncodeFunc) pst_ticket_to_json, NULL);
  last_text = pst_json_to_string (last_page);
  g_assert_cmpstr (last_text, ==, "{\"items\":[],\"next_cursor\":null}");
}

static void
test_list_envelope_invalid (void)
{
  const struct
  {
    const char *text;
    PstJsonError code;
    const char *field;
  } cases[] = {
    { "{'next_cursor':null}", PST_JSON_ERROR_INVALID_FIELD, "items" },
    { "{'items':{}}", PST_JSON_ERROR_INVALID_FIELD, "items" },
    { "{'items':[{'service':'sales'},{'service':'sales','status':'queued'}]}",
      PST_JSON_ERROR_INVALID_FIELD, "items[1].status" },
    { "{'items':[{'service':'sales'},'K-002']}", PST_JSON_ERROR_INVALID_FIELD, "items[1]" },
    { "{'items':[],'next_cursor':5}", PST_JSON_ERROR_INVALID_FIELD, "next_cursor" },
    { "[]", PST_JSON_ERROR_INVALID_JSON, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *cursor = NULL;

      items = pst_json_list_from_json (node, (PstJsonDecodeFunc) pst_ticket_from_json,
                                       (GDestroyNotify) pst_ticket_free, &cursor, &error);
      g_assert_null (items);
      g_assert_null (cursor);
      g_assert_error (error, PST_JSON_ERROR, (int) cases[i].code);
      g_assert_cmpstr (pst_json_error_get_field (error), ==, cases[i].field);
    }
}

static void
test_array_decode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) good = parse ("[{'lang':'id','title':'A','body':'a'},"
                                    "{'lang':'en','title':'B','body':'b'}]");
  g_autoptr(JsonNode) bad = parse ("[{'lang':'id','title':'A','body':'a'},{'lang':'id','body':'b'}]");
  g_autoptr(JsonNode) object = parse ("{'lang':'id','title':'A','body':'a'}");
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(JsonNode) encoded = NULL;
  g_autofree char *text = NULL;

  /* POST /kb/import takes a bare array. */
  articles = pst_json_array_decode (good, (PstJsonDecodeFunc) pst_kb_article_from_json,
                                    (GDestroyNotify) pst_kb_article_free, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 2);
  g_assert_cmpint (((PstKbArticle *) g_ptr_array_index (articles, 1))->lang, ==, PST_LANG_EN);

  encoded = pst_json_array_encode (articles, (PstJsonEncodeFunc) pst_kb_article_to_json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (encoded));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (encoded)), ==, 2);
  g_clear_pointer (&articles, g_ptr_array_unref);

  articles = pst_json_array_decode (bad, (PstJsonDecodeFunc) pst_kb_article_from_json,
                                    (GDestroyNotify) pst_kb_article_free, &error);
  g_assert_null (articles);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "[1].title");
  g_assert_cmpstr (error->message, ==, "“[1].title” is required");
  g_clear_error (&error);

  articles = pst_json_array_decode (object, (PstJsonDecodeFunc) pst_kb_article_from_json,
                                    (GDestroyNotify) pst_kb_article_free, &error);
  g_assert_null (articles);
  g_assert_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON);
}

/* Decoding anything from a node that is not an object is invalid_json. */
static void
test_decode_not_object (void)
{
  const PstJsonDecodeFunc decoders[] = {
    (PstJsonDecodeFunc) pst_holiday_from_json,
    (PstJsonDecodeFunc) pst_officer_from_json,
    (PstJsonDecodeFunc) pst_service_hours_from_json,
    (PstJsonDecodeFunc) pst_standard_from_json,
    (PstJsonDecodeFunc) pst_complaint_channel_entry_from_json,
    (PstJsonDecodeFunc) pst_office_from_json,
    (PstJsonDecodeFunc) pst_guest_book_from_json,
    (PstJsonDecodeFunc) pst_ticket_history_entry_from_json,
    (PstJsonDecodeFunc) pst_ticket_from_json,
    (PstJsonDecodeFunc) pst_requester_from_json,
    (PstJsonDecodeFunc) pst_sla_from_json,
    (PstJsonDecodeFunc) pst_kb_searched_from_json,
    (PstJsonDecodeFunc) pst_follow_up_from_json,
    (PstJsonDecodeFunc) pst_message_from_json,
    (PstJsonDecodeFunc) pst_consultation_from_json,
    (PstJsonDecodeFunc) pst_kb_article_from_json,
    (PstJsonDecodeFunc) pst_rating_from_json,
    (PstJsonDecodeFunc) pst_complaint_from_json,
    (PstJsonDecodeFunc) pst_event_from_json,
    (PstJsonDecodeFunc) pst_api_error_from_json,
  };

  for (guint i = 0; i < G_N_ELEMENTS (decoders); i++)
    {
      assert_decode_fails (decoders[i], "[{}]", PST_JSON_ERROR_INVALID_JSON, NULL);
      assert_decode_fails (decoders[i], "'x'", PST_JSON_ERROR_INVALID_JSON, NULL);
      assert_decode_fails (decoders[i], "null", PST_JSON_ERROR_INVALID_JSON, NULL);
    }
}

/* API.md: unknown JSON fields are ignored; null means absent. */
static void
test_unknown_fields_ignored (void)
{
  g_autoptr(PstTicket) ticket = NULL;
  g_autoptr(PstOffice) office = NULL;
  g_autoptr(PstRating) rating = NULL;

  ticket = DECODE (pst_ticket, "{'service':'sales','extra':{'deep':[1,2,3]},'x-trace':'abc',"
                               "'guest_book':{'name':'A','id_type':'sim','nik_raw':'1234',"
                               "'email':null},'status':null,'history':null}");
  g_assert_cmpint (ticket->service, ==, PST_SERVICE_SALES);
  g_assert_cmpint (ticket->status, ==, PST_TICKET_STATUS_WAITING);
  g_assert_null (ticket->guest_book->email);
  g_assert_cmpuint (ticket->history->len, ==, 0);

  office = DECODE (pst_office, "{'code':'1905','name':'BPS Kabupaten Bangka Selatan',"
                               "'timezone':'Asia/Jakarta','region':'Sumatra','standard':null}");
  g_assert_null (office->standard);

  rating = DECODE (pst_rating, "{'ticket':'t-9','scores':[1,1,1,1,1,1,1,1,1],'comment':null,"
                               "'consultation':null,'weights':[0.1]}");
  g_assert_cmpstr (rating->ticket, ==, "t-9");
  g_assert_null (rating->consultation);
}

static void
test_api_error (void)
{
  g_autoptr(PstApiError) api_error = pst_api_error_new (PST_API_ERROR_INVALID_FIELD,
                                                        "“email” must be a string", "email");
  g_autoptr(PstApiError) no_field = pst_api_error_new (PST_API_ERROR_NOT_FOUND,
                                                       "No such ticket", NULL);
  g_autoptr(PstApiError) decoded = NULL;
  g_autofree char *text = encode_to_string (api_error, (PstJsonEncodeFunc) pst_api_error_to_json);
  g_autofree char *no_field_text = NULL;

  g_assert_cmpstr (text, ==,
                   "{\"error\":{\"code\":\"invalid_field\",\"message\":\"“email” must be a string\","
                   "\"field\":\"email\"}}");
  ROUND_TRIP (pst_api_error, api_error);

  no_field_text = encode_to_string (no_field, (PstJsonEncodeFunc) pst_api_error_to_json);
  g_assert_cmpstr (no_field_text, ==,
                   "{\"error\":{\"code\":\"not_found\",\"message\":\"No such ticket\",\"field\":null}}");
  ROUND_TRIP (pst_api_error, no_field);

  decoded = DECODE (pst_api_error, "{'error':{'code':'rate_limited','message':'Wait a minute'}}");
  g_assert_cmpstr (decoded->code, ==, PST_API_ERROR_RATE_LIMITED);
  g_assert_null (decoded->field);

  DECODE_FAILS (pst_api_error, "{'code':'internal','message':'x'}",
                PST_JSON_ERROR_INVALID_FIELD, "error");
  DECODE_FAILS (pst_api_error, "{'error':{'message':'x'}}",
                PST_JSON_ERROR_INVALID_FIELD, "error.code");
}

static void
test_api_error_from_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) not_found = g_error_new_literal (PST_ERROR, PST_ERROR_NOT_FOUND, "No such ticket");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "disk I/O error");
  g_autoptr(JsonNode) node = parse ("{'service':'consultation','guest_book':{'name':'A',"
                                    "'id_type':'ktp','email':5}}");
  g_autoptr(PstTicket) ticket = pst_ticket_from_json (node, &error);
  g_autoptr(PstApiError) invalid_field = NULL;
  g_autoptr(PstApiError) invalid_json = NULL;
  g_autoptr(PstApiError) api_not_found = NULL;
  g_autoptr(PstApiError) internal = NULL;
  g_autoptr(JsonNode) bad = NULL;

  g_assert_null (ticket);
  invalid_field = pst_api_error_new_from_error (error);
  g_assert_cmpstr (invalid_field->code, ==, "invalid_field");
  g_assert_cmpstr (invalid_field->field, ==, "guest_book.email");
  g_assert_cmpstr (invalid_field->message, ==, "“guest_book.email” must be a string");
  g_clear_error (&error);

  bad = pst_json_parse_object ("{\"a\":", -1, &error);
  g_assert_null (bad);
  invalid_json = pst_api_error_new_from_error (error);
  g_assert_cmpstr (invalid_json->code, ==, "invalid_json");
  g_assert_null (invalid_json->field);

  api_not_found = pst_api_error_new_from_error (not_found);
  g_assert_cmpstr (api_not_found->code, ==, "not_found");

  /* Internal details do not reach the client. */
  internal = pst_api_error_new_from_error (io);
  g_assert_cmpstr (internal->code, ==, "internal");
  g_assert_null (strstr (internal->message, "disk"));
}

/* Messages are Indonesian under id_ID, and still name the full path. */
static void
test_localized_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse ("{'service':'consultation','guest_book':{'name':'A',"
                                    "'id_type':'ktp','email':5}}");
  g_autoptr(PstTicket) ticket = NULL;
  PstTestLocale saved;

  if (!pst_test_locale_enter (&saved, "id_ID.UTF-8"))
    return;

  ticket = pst_ticket_from_json (node, &error);
  pst_test_locale_leave (&saved);

  g_assert_null (ticket);
  g_assert_cmpstr (pst_json_error_get_field (error), ==, "guest_book.email");
  if (g_str_equal (error->message, "“guest_book.email” must be a string"))
    {
      g_test_skip ("The Indonesian catalogue has no JSON messages yet");
      return;
    }

  g_assert_cmpstr (error->message, ==, "“guest_book.email” harus berupa teks (string)");
}

static void
test_boxed (void)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(PstTicket) ticket = make_ticket ();
  PstTicket *held;
  const GType types[] = {
    PST_TYPE_OFFICER, PST_TYPE_SERVICE_HOURS, PST_TYPE_STANDARD,
    PST_TYPE_COMPLAINT_CHANNEL_ENTRY, PST_TYPE_OFFICE, PST_TYPE_GUEST_BOOK,
    PST_TYPE_TICKET_HISTORY_ENTRY, PST_TYPE_TICKET, PST_TYPE_REQUESTER, PST_TYPE_SLA,
    PST_TYPE_KB_SEARCHED, PST_TYPE_FOLLOW_UP, PST_TYPE_MESSAGE, PST_TYPE_CONSULTATION,
    PST_TYPE_KB_ARTICLE, PST_TYPE_RATING, PST_TYPE_COMPLAINT, PST_TYPE_EVENT,
    PST_TYPE_API_ERROR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_true (G_TYPE_IS_BOXED (types[i]));

  g_value_init (&value, PST_TYPE_TICKET);
  g_value_set_boxed (&value, ticket);
  held = g_value_get_boxed (&value);
  g_assert_true (held != ticket);
  g_assert_true (pst_ticket_equal (held, ticket));
}

static void
test_free_null (void)
{
  pst_officer_free (NULL);
  pst_service_hours_free (NULL);
  pst_standard_free (NULL);
  pst_complaint_channel_entry_free (NULL);
  pst_office_free (NULL);
  pst_guest_book_free (NULL);
  pst_ticket_history_entry_free (NULL);
  pst_ticket_free (NULL);
  pst_requester_free (NULL);
  pst_sla_free (NULL);
  pst_kb_searched_free (NULL);
  pst_follow_up_free (NULL);
  pst_message_free (NULL);
  pst_consultation_free (NULL);
  pst_kb_article_free (NULL);
  pst_rating_free (NULL);
  pst_complaint_free (NULL);
  pst_event_free (NULL);
  pst_api_error_free (NULL);
}

static void
test_copies (void)
{
  g_autoptr(PstConsultation) consultation = make_consultation (TRUE);
  g_autoptr(PstConsultation) consultation_copy = pst_consultation_copy (consultation);
  g_autoptr(PstKbArticle) article = make_kb_article ();
  g_autoptr(PstKbArticle) article_copy = pst_kb_article_copy (article);
  g_autoptr(PstRating) rating = make_rating ();
  g_autoptr(PstRating) rating_copy = pst_rating_copy (rating);
  g_autoptr(PstComplaint) complaint = make_complaint ();
  g_autoptr(PstComplaint) complaint_copy = pst_complaint_copy (complaint);
  g_autoptr(PstOfficer) officer = pst_officer_new ();
  g_autoptr(PstOfficer) officer_copy = NULL;

  g_assert_true (pst_consultation_equal (consultation, consultation_copy));
  g_ptr_array_add (consultation_copy->kb_searched->viewed, g_strdup ("kb-99"));
  g_assert_false (pst_consultation_equal (consultation, consultation_copy));
  g_assert_cmpuint (consultation->kb_searched->viewed->len, ==, 2);

  g_assert_true (pst_kb_article_equal (article, article_copy));
  g_ptr_array_set_size (article_copy->tags, 0);
  g_assert_false (pst_kb_article_equal (article, article_copy));

  g_assert_true (pst_rating_equal (rating, rating_copy));
  rating_copy->scores[8] = 4;
  g_assert_false (pst_rating_equal (rating, rating_copy));

  g_assert_true (pst_complaint_equal (complaint, complaint_copy));
  g_clear_pointer (&complaint_copy->reporter, pst_requester_free);
  g_assert_false (pst_complaint_equal (complaint, complaint_copy));

  officer->name = g_strdup ("A");
  officer_copy = pst_officer_copy (officer);
  g_assert_true (pst_officer_equal (officer, officer_copy));
  officer_copy->has_workload = TRUE;
  g_assert_false (pst_officer_equal (officer, officer_copy));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/parse/valid", test_parse_valid);
  g_test_add_func ("/json/parse/length", test_parse_length);
  g_test_add_func ("/json/parse/invalid", test_parse_invalid);
  g_test_add_func ("/json/parse/not-utf8", test_parse_not_utf8);
  g_test_add_func ("/json/parse/empty", test_parse_empty);
  g_test_add_func ("/json/parse/not-object", test_parse_not_object);
  g_test_add_func ("/json/parse/deep", test_parse_deep);
  g_test_add_func ("/json/to-string/compact", test_to_string_compact);
  g_test_add_func ("/json/get/string", test_get_string);
  g_test_add_func ("/json/get/int", test_get_int);
  g_test_add_func ("/json/get/bool", test_get_bool);
  g_test_add_func ("/json/get/enum", test_get_enum);
  g_test_add_func ("/json/get/enum-long-value", test_get_enum_long_value);
  g_test_add_func ("/json/get/instant", test_get_instant);
  g_test_add_func ("/json/get/date", test_get_date);
  g_test_add_func ("/json/get/string-array", test_get_string_array);
  g_test_add_func ("/json/get/object-array", test_get_object_array);
  g_test_add_func ("/json/error/field", test_error_field);
  g_test_add_func ("/json/error/prefix-element", test_error_prefix_element);
  g_test_add_func ("/json/holiday", test_holiday);
  g_test_add_func ("/json/officer", test_officer);
  g_test_add_func ("/json/service-hours", test_service_hours);
  g_test_add_func ("/json/standard", test_standard);
  g_test_add_func ("/json/complaint-channel-entry", test_complaint_channel_entry);
  g_test_add_func ("/json/office/round-trip", test_office_round_trip);
  g_test_add_func ("/json/office/decode", test_office_decode);
  g_test_add_func ("/json/office/invalid", test_office_invalid);
  g_test_add_func ("/json/guest-book", test_guest_book);
  g_test_add_func ("/json/guest-book/id-number-private", test_guest_book_id_number_private);
  g_test_add_func ("/json/ticket/round-trip", test_ticket_round_trip);
  g_test_add_func ("/json/ticket/decode", test_ticket_decode);
  g_test_add_func ("/json/ticket/invalid", test_ticket_invalid);
  g_test_add_func ("/json/consultation/parts", test_requester_sla_follow_up);
  g_test_add_func ("/json/message", test_message);
  g_test_add_func ("/json/consultation/round-trip", test_consultation_round_trip);
  g_test_add_func ("/json/consultation/decode", test_consultation_decode);
  g_test_add_func ("/json/consultation/invalid", test_consultation_invalid);
  g_test_add_func ("/json/kb-article", test_kb_article);
  g_test_add_func ("/json/rating", test_rating);
  g_test_add_func ("/json/rating/invalid", test_rating_invalid);
  g_test_add_func ("/json/complaint", test_complaint);
  g_test_add_func ("/json/event", test_event);
  g_test_add_func ("/json/changes", test_changes);
  g_test_add_func ("/json/list", test_list_envelope);
  g_test_add_func ("/json/list/invalid", test_list_envelope_invalid);
  g_test_add_func ("/json/array", test_array_decode);
  g_test_add_func ("/json/decode-not-object", test_decode_not_object);
  g_test_add_func ("/json/unknown-fields-ignored", test_unknown_fields_ignored);
  g_test_add_func ("/json/api-error", test_api_error);
  g_test_add_func ("/json/api-error/from-error", test_api_error_from_error);
  g_test_add_func ("/json/localized-message", test_localized_message);
  g_test_add_func ("/json/domain/boxed", test_boxed);
  g_test_add_func ("/json/domain/free-null", test_free_null);
  g_test_add_func ("/json/domain/copies", test_copies);

  return g_test_run ();
}
