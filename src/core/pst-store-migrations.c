/* pst-store-migrations.c: the versions of the server and cache schemas.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-store-private.h"

/* How the schemas evolve.
 *
 * Each schema is a list of steps; step N takes a database from version
 * N - 1 to N. The version is kept in `PRAGMA user_version` and the kind of
 * database in `PRAGMA application_id` (both in the file header, both
 * transactional), so a cache file is never opened as a server database.
 * A step runs in its own transaction with the version bump, with foreign
 * keys off and checked with `PRAGMA foreign_key_check` before the commit
 * (the procedure sqlite documents for rebuilding a table). A released
 * step is never edited: a change is a new step at the end.
 *
 * Conventions: instants are INTEGER microseconds since the epoch, UTC;
 * local dates TEXT `YYYY-MM-DD`; booleans INTEGER 0/1; JSON TEXT checked
 * with json_valid(); enumerations TEXT with a CHECK on the wire names of
 * pst-enums.c; identifiers of API objects are opaque TEXT the server
 * makes; hashes are lowercase hex SHA-256 (64 characters). Personal data
 * sits in nullable columns next to an `erase_after` instant, so the
 * retention sweep can clear it and keep the statistics (`erased_at`).
 *
 * The cache schema mirrors what the server sends: each object's JSON plus
 * the columns the views sort and filter on. It has no CHECK on server
 * enumerations, so a newer server's value does not break an older desk.
 */

/* Server, version 1: offices and their standard, accounts, the queue. */
static const char server_v1[] =
  "CREATE TABLE offices ("
  "  code                                 TEXT    NOT NULL PRIMARY KEY CHECK (code <> ''),"
  "  name                                 TEXT    NOT NULL CHECK (name <> ''),"
  "  timezone                             TEXT    NOT NULL CHECK (timezone <> ''),"
  "  sk_number                            TEXT,"
  "  address                              TEXT,"
  "  phone                                TEXT,"
  "  website                              TEXT,"
  "  walkin_wait_min                      INTEGER NOT NULL DEFAULT 10 CHECK (walkin_wait_min > 0),"
  "  session_max_min                      INTEGER CHECK (session_max_min > 0),"
  "  web_response_working_days            INTEGER NOT NULL DEFAULT 3"
  "                                               CHECK (web_response_working_days > 0),"
  "  whatsapp_first_response_working_days INTEGER CHECK (whatsapp_first_response_working_days > 0),"
  "  email_response_working_days          INTEGER CHECK (email_response_working_days > 0),"
  "  idle_close_amount                    INTEGER NOT NULL DEFAULT 7 CHECK (idle_close_amount > 0),"
  "  idle_close_unit                      TEXT    NOT NULL DEFAULT 'days'"
  "                                               CHECK (idle_close_unit IN ('days', 'working_days')),"
  "  guest_book_stage                     TEXT    NOT NULL DEFAULT 'front_office'"
  "                                               CHECK (guest_book_stage IN ('before_queue', 'front_office', 'at_desk')),"
  "  zoom_follow_up                       INTEGER NOT NULL DEFAULT 0 CHECK (zoom_follow_up IN (0, 1)),"
  "  retention_days                       INTEGER NOT NULL DEFAULT 730 CHECK (retention_days > 0),"
  /* The HMAC-SHA256 key of the ID-number hashes of this office's guest book. */
  "  id_hash_key                          BLOB    NOT NULL DEFAULT (randomblob (32))"
  "                                               CHECK (length (id_hash_key) >= 16),"
  "  created_at                           INTEGER NOT NULL,"
  "  updated_at                           INTEGER NOT NULL"
  ");"

  /* The channels an office serves on (walk-in, web, WhatsApp, …). */
  "CREATE TABLE office_channels ("
  "  office  TEXT NOT NULL REFERENCES offices (code) ON DELETE CASCADE,"
  "  channel TEXT NOT NULL CHECK (channel IN ('web', 'whatsapp', 'email', 'walk_in', 'phone')),"
  "  PRIMARY KEY (office, channel)"
  ");"

  /* Service hours: minutes after local midnight; a weekday may have several spans. */
  "CREATE TABLE office_hours ("
  "  office    TEXT    NOT NULL REFERENCES offices (code) ON DELETE CASCADE,"
  "  weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
  "  open_min  INTEGER NOT NULL CHECK (open_min BETWEEN 0 AND 1439),"
  "  close_min INTEGER NOT NULL CHECK (close_min BETWEEN 1 AND 1440),"
  "  CHECK (open_min < close_min),"
  "  PRIMARY KEY (office, weekday, open_min)"
  ");"

  /* National holidays and cuti bersama have no office; local closures have one. */
  "CREATE TABLE holidays ("
  "  id      INTEGER PRIMARY KEY,"
  "  date    TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
  "  office  TEXT    REFERENCES offices (code) ON DELETE CASCADE,"
  "  name    TEXT    NOT NULL CHECK (name <> ''),"
  "  name_en TEXT,"
  "  kind    TEXT    NOT NULL CHECK (kind IN ('national', 'cuti_bersama', 'local')),"
  "  CHECK (kind <> 'local' OR office IS NOT NULL)"
  ");"
  /* NULLs are distinct in a UNIQUE constraint: index the office as ''. */
  "CREATE UNIQUE INDEX holidays_date_office ON holidays (date, coalesce (office, ''));"

  "CREATE TABLE complaint_channels ("
  "  id       INTEGER PRIMARY KEY,"
  "  office   TEXT    NOT NULL REFERENCES offices (code) ON DELETE CASCADE,"
  "  kind     TEXT    NOT NULL CHECK (kind IN ('suggestion_box', 'phone', 'email', 'website',"
  "                                            'whatsapp', 'sms', 'social_media', 'lapor', 'desk')),"
  "  value    TEXT    NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (office, kind, value)"
  ");"

  /* Accounts. An admin may belong to no office; everyone else to one. */
  "CREATE TABLE officers ("
  "  id            TEXT    NOT NULL PRIMARY KEY CHECK (id <> ''),"
  "  username      TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (username <> ''),"
  "  name          TEXT    NOT NULL CHECK (name <> ''),"
  "  role          TEXT    NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin', 'kiosk')),"
  "  office        TEXT    REFERENCES offices (code),"
  "  desk          TEXT,"
  "  presence      TEXT    NOT NULL DEFAULT 'offline'"
  "                        CHECK (presence IN ('available', 'away', 'offline')),"
  "  password_hash TEXT    NOT NULL,"
  "  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  created_at    INTEGER NOT NULL,"
  "  updated_at    INTEGER NOT NULL,"
  "  CHECK (office IS NOT NULL OR role = 'admin')"
  ");"
  "CREATE INDEX officers_office_role ON officers (office, role);"

  /* Bearer tokens, stored as the SHA-256 of the token only. */
  "CREATE TABLE tokens ("
  "  token_hash   TEXT    NOT NULL PRIMARY KEY CHECK (length (token_hash) = 64),"
  "  officer      TEXT    NOT NULL REFERENCES officers (id) ON DELETE CASCADE,"
  "  created_at   INTEGER NOT NULL,"
  "  expires_at   INTEGER NOT NULL,"
  "  revoked_at   INTEGER,"
  "  last_used_at INTEGER,"
  "  CHECK (expires_at > created_at)"
  ");"
  "CREATE INDEX tokens_officer ON tokens (officer);"
  "CREATE INDEX tokens_expires_at ON tokens (expires_at);"

  /* The walk-in queue. `seq` restarts each local service day per office and
   * service; `number` is its display form (K-012).
   */
  "CREATE TABLE tickets ("
  "  id               TEXT    NOT NULL PRIMARY KEY CHECK (id <> ''),"
  "  office           TEXT    NOT NULL REFERENCES offices (code),"
  "  service          TEXT    NOT NULL"
  "                           CHECK (service IN ('consultation', 'library', 'sales', 'recommendation')),"
  "  service_date     TEXT    NOT NULL"
  "                           CHECK (service_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
  "  seq              INTEGER NOT NULL CHECK (seq > 0),"
  "  number           TEXT    NOT NULL CHECK (number <> ''),"
  "  status           TEXT    NOT NULL DEFAULT 'waiting'"
  "                           CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show',"
  "                                             'transferred')),"
  "  desk             TEXT,"
  "  officer          TEXT    REFERENCES officers (id),"
  "  issued_at        INTEGER NOT NULL,"
  "  called_at        INTEGER,"
  "  started_at       INTEGER,"
  "  finished_at      INTEGER,"
  "  wait_due         INTEGER,"
  "  topic            TEXT    CHECK (topic IN ('data', 'metadata', 'classification', 'other')),"
  "  outcome          TEXT,"
  "  notes            TEXT,"
  "  transferred_from TEXT    REFERENCES tickets (id),"
  "  UNIQUE (office, service, service_date, seq)"
  ");"
  /* Today's tickets of an office by status; call-next takes the oldest waiting. */
  "CREATE INDEX tickets_office_day_status ON tickets (office, service_date, status, issued_at);"
  "CREATE INDEX tickets_officer_status ON tickets (officer, status);"
  "CREATE INDEX tickets_transferred_from ON tickets (transferred_from);"

  "CREATE TABLE ticket_history ("
  "  id          INTEGER PRIMARY KEY,"
  "  ticket      TEXT    NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,"
  "  at          INTEGER NOT NULL,"
  "  action      TEXT    NOT NULL CHECK (action <> ''),"
  "  from_status TEXT    CHECK (from_status IN ('waiting', 'called', 'serving', 'done', 'no_show',"
  "                                             'transferred')),"
  "  to_status   TEXT    CHECK (to_status IN ('waiting', 'called', 'serving', 'done', 'no_show',"
  "                                           'transferred')),"
  "  officer     TEXT    REFERENCES officers (id),"
  "  detail      TEXT"
  ");"
  "CREATE INDEX ticket_history_ticket_at ON ticket_history (ticket, at);"

  /* The guest book (buku tamu). Never the full ID number: its last four
   * characters masked (no run of five digits may be stored) and a keyed
   * hash for de-duplication. After `erase_after` the retention sweep
   * clears the personal columns and sets `erased_at`.
   */
  "CREATE TABLE guest_book ("
  "  id               TEXT    NOT NULL PRIMARY KEY CHECK (id <> ''),"
  "  ticket           TEXT    UNIQUE REFERENCES tickets (id) ON DELETE SET NULL,"
  "  office           TEXT    NOT NULL REFERENCES offices (code),"
  "  name             TEXT,"
  "  id_type          TEXT    NOT NULL CHECK (id_type IN ('ktp', 'sim', 'passport', 'other')),"
  "  id_number_masked TEXT    CHECK (id_number_masked NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'),"
  "  id_number_hash   TEXT    CHECK (length (id_number_hash) = 64),"
  "  email            TEXT,"
  "  phone            TEXT,"
  "  institution      TEXT,"
  "  occupation       TEXT,"
  "  purpose          TEXT,"
  "  created_at       INTEGER NOT NULL,"
  "  erase_after      INTEGER NOT NULL,"
  "  erased_at        INTEGER,"
  "  CHECK (erased_at IS NOT NULL OR"
  "         (name IS NOT NULL AND id_number_masked IS NOT NULL AND id_number_hash IS NOT NULL)),"
  "  CHECK (erase_after > created_at)"
  ");"
  "CREATE INDEX guest_book_office_created ON guest_book (office, created_at);"
  "CREATE INDEX guest_book_office_id_hash ON guest_book (office, id_number_hash);"
  "CREATE INDEX guest_book_erase_after ON guest_book (erase_after) WHERE erased_at IS NULL;";

/* Server, version 2: online consultations, their messages, the knowledge base. */
static const char server_v2[] =
  "CREATE TABLE consultations ("
  "  id                 TEXT    NOT NULL PRIMARY KEY CHECK (id <> ''),"
  "  office             TEXT    NOT NULL REFERENCES offices (code),"
  "  channel            TEXT    NOT NULL"
  "                             CHECK (channel IN ('web', 'whatsapp', 'email', 'walk_in', 'phone')),"
  "  subject            TEXT    NOT NULL,"
  "  category           TEXT    NOT NULL DEFAULT 'other'"
  "                             CHECK (category IN ('data', 'metadata', 'classification', 'other')),"
  "  status             TEXT    NOT NULL DEFAULT 'open'"
  "                             CHECK (status IN ('open', 'awaiting_officer', 'awaiting_requester',"
  "                                               'closed')),"
  "  resolution         TEXT    CHECK (resolution IN ('answered', 'referred', 'no_response',"
  "                                                   'duplicate')),"
  "  requester_name     TEXT,"
  "  requester_email    TEXT,"
  "  requester_phone    TEXT,"
  "  assignee           TEXT    REFERENCES officers (id),"
  "  created_at         INTEGER NOT NULL,"
  "  updated_at         INTEGER NOT NULL,"
  "  first_response_due INTEGER NOT NULL,"
  "  first_response_at  INTEGER,"
  "  idle_close_at      INTEGER,"
  "  sla_state          TEXT    NOT NULL DEFAULT 'ok'"
  "                             CHECK (sla_state IN ('ok', 'warning', 'breached')),"
  /* What the requester searched and viewed before asking (deflection data). */
  "  kb_query           TEXT,"
  "  kb_viewed          TEXT    CHECK (kb_viewed IS NULL OR json_valid (kb_viewed)),"
  "  follow_up_mode     TEXT    CHECK (follow_up_mode IN ('in_person', 'zoom')),"
  "  follow_up_at       INTEGER,"
  "  follow_up_link     TEXT,"
  "  last_message_at    INTEGER,"
  "  closed_at          INTEGER,"
  /* The requester's access token, SHA-256 only; none for walk-in and phone. */
  "  access_token_hash  TEXT    CHECK (length (access_token_hash) = 64),"
  "  erase_after        INTEGER,"
  "  erased_at          INTEGER,"
  "  CHECK ((status = 'closed') = (resolution IS NOT NULL)),"
  "  CHECK ((follow_up_mode IS NULL) = (follow_up_at IS NULL)),"
  "  CHECK (erased_at IS NOT NULL OR requester_name IS NOT NULL)"
  ");"
  /* The officer's lists: by office or assignee and status, most urgent first. */
  "CREATE INDEX consultations_office_status_due"
  "  ON consultations (office, status, first_response_due);"
  "CREATE INDEX consultations_assignee_status_due"
  "  ON consultations (assignee, status, first_response_due);"
  /* The scheduler: SLA badges before the first answer, and idle closing. */
  "CREATE INDEX consultations_first_response_due"
  "  ON consultations (first_response_due) WHERE first_response_at IS NULL;"
  "CREATE INDEX consultations_status_idle_close ON consultations (status, idle_close_at);"
  "CREATE INDEX consultations_erase_after ON consultations (erase_after) WHERE erased_at IS NULL;"

  /* `external_ref` is the channel's own message id (WhatsApp, Message-ID),
   * so a webhook delivered twice adds one message.
   */
  "CREATE TABLE messages ("
  "  id             TEXT    NOT NULL PRIMARY KEY CHECK (id <> ''),"
  "  consultation   TEXT    NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,"
  "  author         TEXT    NOT NULL CHECK (author IN ('requester', 'officer', 'system')),"
  "  officer        TEXT    REFERENCES officers (id),"
  "  body           TEXT    NOT NULL,"
  "  kb_article_ids TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid (kb_article_ids)),"
  "  at             INTEGER NOT NULL,"
  "  external_ref   TEXT    UNIQUE,"
  "  CHECK (author <> 'officer' OR officer IS NOT NULL)"
  ");"
  "CREATE INDEX messages_consultation_at ON messages (consultation, at);"

  /* Articles. `num` is the stable integer key the full-text index needs
   * (a rowid without INTEGER PRIMARY KEY may change on VACUUM); the API
   * uses `id`. No office means a national article.
   */
  "CREATE TABLE kb_articles ("
  "  num         INTEGER PRIMARY KEY,"
  "  id          TEXT    NOT NULL UNIQUE CHECK (id <> ''),"
  "  external_id TEXT    UNIQUE,"
  "  lang        TEXT    NOT NULL CHECK (lang IN ('id', 'en')),"
  "  title       TEXT    NOT NULL CHECK (title <> ''),"
  "  body        TEXT    NOT NULL,"
  "  tags        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid (tags)),"
  "  category    TEXT,"
  "  office      TEXT    REFERENCES offices (code) ON DELETE CASCADE,"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL,"
  "  views       INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0),"
  "  helpful     INTEGER NOT NULL DEFAULT 0 CHECK (helpful >= 0),"
  "  not_helpful INTEGER NOT NULL DEFAULT 0 CHECK (not_helpful >= 0)"
  ");"
  "CREATE INDEX kb_articles_lang_office ON kb_articles (lang, office);"

  /* The full-text index over title, body and tags, an external-content
   * FTS5 table kept in step by the triggers below. The unicode61 tokenizer
   * folds case and diacritics; a later step replaces it with a hunspell
   * tokenizer (Indonesian and English stems, so *kemiskinan* finds
   * *miskin*) registered on each connection when the store opens, and
   * rebuilds the index with `INSERT INTO kb_articles_fts (kb_articles_fts)
   * VALUES ('rebuild')`.
   */
  "CREATE VIRTUAL TABLE kb_articles_fts USING fts5 ("
  "  title, body, tags,"
  "  content = 'kb_articles', content_rowid = 'num',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (rowid, title, body, tags)"
  "    VALUES (new.num, new.title, new.body, new.tags);"
  "END;"
  "CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body, tags)"
  "    VALUES ('delete', old.num, old.title, old.body, old.tags);"
  "END;"
  /* Counting views and feedback does not touch the index. */
  "CREATE TRIGGER kb_articles_fts_update AFTER UPDATE OF num, title, body, tags ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body, tags)"
  "    VALUES ('delete', old.num, old.title, old.body, old.tags);"
  "  INSERT INTO kb_articles_fts (rowid, title, body, tags)"
  "    VALUES (new.num, new.title, new.body, new.tags);"
  "END;"

  /* Knowledge-base searches and article feedback: what was asked, what was
   * read, and whether it answered the question without a consultation.
   */
  "CREATE TABLE kb_searches ("
  "  id                            INTEGER PRIMARY KEY,"
  "  at                            INTEGER NOT NULL,"
  "  query                         TEXT,"
  "  lang                          TEXT    CHECK (lang IN ('id', 'en')),"
  "  office                        TEXT    REFERENCES offices (code),"
  "  viewed                        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid (viewed)),"
  "  article                       TEXT    REFERENCES kb_articles (id) ON DELETE SET NULL,"
  "  helpful                       INTEGER CHECK (helpful IN (0, 1)),"
  "  resolved_without_consultation INTEGER NOT NULL DEFAULT 0"
  "                                        CHECK (resolved_without_consultation IN (0, 1)),"
  "  consultation                  TEXT    REFERENCES consultations (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX kb_searches_office_at ON kb_searches (office, at);"
  "CREATE INDEX kb_searches_article ON kb_searches (article);"
  "CREATE INDEX kb_searches_consultation ON kb_searches (consultation);";

/* Server, version 3: ratings and complaints, the event log, idempotency,
 * the audit log; tickets get a rating token and offices a complaint
 * response target.
 */
static const char server_v3[] =
  "ALTER TABLE offices ADD COLUMN complaint_response_working_days INTEGER NOT NULL DEFAULT 5"
  "  CHECK (complaint_response_working_days > 0);"
  /* Printed on the ticket so the visitor can rate the service. */
  "ALTER TABLE tickets ADD COLUMN access_token_hash TEXT"
  "  CHECK (length (access_token_hash) = 64);"

  /* One rating per service: a consultation or a walk-in ticket, never both. */
  "CREATE TABLE ratings ("
  "  id           TEXT    NOT NULL PRIMARY KEY CHECK (id <> ''),"
  "  office       TEXT    NOT NULL REFERENCES offices (code),"
  "  consultation TEXT    UNIQUE REFERENCES consultations (id),"
  "  ticket       TEXT    UNIQUE REFERENCES tickets (id),"
  "  officer      TEXT    REFERENCES officers (id),"
  "  channel      TEXT    NOT NULL"
  "                       CHECK (channel IN ('web', 'whatsapp', 'email', 'walk_in', 'phone')),"
  /* The nine SKM elements (PermenPANRB 14/2017), in order. */
  "  score1       INTEGER NOT NULL CHECK (score1 BETWEEN 1 AND 4),"
  "  score2       INTEGER NOT NULL CHECK (score2 BETWEEN 1 AND 4),"
  "  score3       INTEGER NOT NULL CHECK (score3 BETWEEN 1 AND 4),"
  "  score4       INTEGER NOT NULL CHECK (score4 BETWEEN 1 AND 4),"
  "  score5       INTEGER NOT NULL CHECK (score5 BETWEEN 1 AND 4),"
  "  score6       INTEGER NOT NULL CHECK (score6 BETWEEN 1 AND 4),"
  "  score7       INTEGER NOT NULL CHECK (score7 BETWEEN 1 AND 4),"
  "  score8       INTEGER NOT NULL CHECK (score8 BETWEEN 1 AND 4),"
  "  score9       INTEGER NOT NULL CHECK (score9 BETWEEN 1 AND 4),"
  "  comment      TEXT,"
  "  created_at   INTEGER NOT NULL,"
  "  CHECK ((consultation IS NULL) <> (ticket IS NULL))"
  ");"
  "CREATE INDEX ratings_office_created ON ratings (office, created_at);"
  "CREATE INDEX ratings_officer_created ON ratings (officer, created_at);"

  "CREATE TABLE complaints ("
  "  id             TEXT    NOT NULL PRIMARY KEY CHECK (id <> ''),"
  "  office         TEXT    NOT NULL REFERENCES offices (code),"
  "  channel        TEXT    NOT NULL"
  "                         CHECK (channel IN ('suggestion_box', 'phone', 'email', 'website',"
  "                                            'whatsapp', 'sms', 'social_media', 'lapor', 'desk')),"
  "  reporter_name  TEXT,"
  "  reporter_email TEXT,"
  "  reporter_phone TEXT,"
  "  body           TEXT    NOT NULL CHECK (body <> ''),"
  "  consultation   TEXT    REFERENCES consultations (id) ON DELETE SET NULL,"
  "  status         TEXT    NOT NULL DEFAULT 'received'"
  "                         CHECK (status IN ('received', 'in_progress', 'responded', 'closed')),"
  "  received_at    INTEGER NOT NULL,"
  "  response_due   INTEGER NOT NULL,"
  "  response_body  TEXT,"
  "  responded_at   INTEGER,"
  "  responded_by   TEXT    REFERENCES officers (id),"
  "  recorded_by    TEXT    REFERENCES officers (id),"
  "  updated_at     INTEGER NOT NULL,"
  "  erase_after    INTEGER,"
  "  erased_at      INTEGER,"
  "  CHECK ((response_body IS NULL) = (responded_at IS NULL)),"
  "  CHECK (status <> 'responded' OR response_body IS NOT NULL)"
  ");"
  "CREATE INDEX complaints_office_status_due ON complaints (office, status, response_due);"
  "CREATE INDEX complaints_erase_after ON complaints (erase_after) WHERE erased_at IS NULL;"

  /* The event log. AUTOINCREMENT: `seq` strictly increases and is never
   * reused, even after the newest events are deleted.
   */
  "CREATE TABLE events ("
  "  seq    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  type   TEXT    NOT NULL CHECK (type GLOB '[a-z]*.[a-z]*'),"
  "  at     INTEGER NOT NULL,"
  "  office TEXT    REFERENCES offices (code),"
  "  data   TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid (data))"
  ");"
  "CREATE INDEX events_office_seq ON events (office, seq);"
  "CREATE INDEX events_at ON events (at);"

  /* The first answer to each Idempotency-Key, per principal (officer id,
   * or the kind and id of an anonymous caller), kept at least 24 hours.
   */
  "CREATE TABLE idempotency_keys ("
  "  principal       TEXT    NOT NULL CHECK (principal <> ''),"
  "  idempotency_key TEXT    NOT NULL CHECK (idempotency_key <> ''),"
  "  method          TEXT    NOT NULL,"
  "  path            TEXT    NOT NULL,"
  "  request_hash    TEXT    NOT NULL CHECK (length (request_hash) = 64),"
  "  response_status INTEGER NOT NULL CHECK (response_status BETWEEN 100 AND 599),"
  "  response_body   TEXT,"
  "  created_at      INTEGER NOT NULL,"
  "  PRIMARY KEY (principal, idempotency_key)"
  ");"
  "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);"

  /* Who did what to which object: assignments, account changes, access to
   * personal data. No actor means the server itself.
   */
  "CREATE TABLE audit_log ("
  "  id          INTEGER PRIMARY KEY,"
  "  at          INTEGER NOT NULL,"
  "  actor       TEXT    REFERENCES officers (id),"
  "  action      TEXT    NOT NULL CHECK (action <> ''),"
  "  target_type TEXT    NOT NULL CHECK (target_type <> ''),"
  "  target_id   TEXT,"
  "  office      TEXT    REFERENCES offices (code),"
  "  detail      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid (detail))"
  ");"
  "CREATE INDEX audit_log_office_at ON audit_log (office, at);"
  "CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at);"
  "CREATE INDEX audit_log_actor_at ON audit_log (actor, at);";

/* Server, version 4: secrets of this database, made once. `idempotency`
 * keys the fingerprints of requests kept with their Idempotency-Key, so a
 * stored fingerprint cannot be guessed back to the body it was made of
 * (a guest book holds an ID number).
 */
static const char server_v4[] =
  "CREATE TABLE server_secrets ("
  "  name  TEXT NOT NULL PRIMARY KEY CHECK (name <> ''),"
  "  value BLOB NOT NULL CHECK (length (value) >= 32)"
  ");"
  "INSERT INTO server_secrets (name, value) VALUES ('idempotency', randomblob (32));";

/* Server, version 5: the knowledge-base index with the "pst" tokenizer
 * (pst-kb-tokenizer.c: Indonesian roots from hunspell, English stems from
 * Snowball), which pst_store_open() registers on every connection. The
 * index is made again with the same triggers and rebuilt from the
 * articles.
 */
static const char server_v5[] =
  "DROP TRIGGER kb_articles_fts_insert;"
  "DROP TRIGGER kb_articles_fts_delete;"
  "DROP TRIGGER kb_articles_fts_update;"
  "DROP TABLE kb_articles_fts;"
  "CREATE VIRTUAL TABLE kb_articles_fts USING fts5 ("
  "  title, body, tags,"
  "  content = 'kb_articles', content_rowid = 'num',"
  "  tokenize = 'pst'"
  ");"
  "CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (rowid, title, body, tags)"
  "    VALUES (new.num, new.title, new.body, new.tags);"
  "END;"
  "CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body, tags)"
  "    VALUES ('delete', old.num, old.title, old.body, old.tags);"
  "END;"
  "CREATE TRIGGER kb_articles_fts_update AFTER UPDATE OF num, title, body, tags ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body, tags)"
  "    VALUES ('delete', old.num, old.title, old.body, old.tags);"
  "  INSERT INTO kb_articles_fts (rowid, title, body, tags)"
  "    VALUES (new.num, new.title, new.body, new.tags);"
  "END;"
  "INSERT INTO kb_articles_fts (kb_articles_fts) VALUES ('rebuild');";

/* Server, version 6: the knowledge-base index made again, as the "pst"
 * tokenizer now keeps words whose meaning departs from the dictionary's
 * root apart (data/kb/roots-id.txt: *pengangguran* no longer reaches
 * *anggur*). An external-content index must hold the tokens the tokenizer
 * gives today, or deleting an article's old tokens goes wrong.
 */
static const char kb_index_rebuild[] =
  "INSERT INTO kb_articles_fts (kb_articles_fts) VALUES ('rebuild');";

static const PstStoreMigration server_migrations[] = {
  { 1, "offices, officers, tokens, queue, guest book", server_v1 },
  { 2, "consultations, messages, knowledge base", server_v2 },
  { 3, "ratings, complaints, events, idempotency, audit", server_v3 },
  { 4, "server secrets", server_v4 },
  { 5, "knowledge-base index with roots and stems", server_v5 },
  { 6, "knowledge-base index with the corrected roots", kb_index_rebuild },
};

/* Cache, version 1: the mirror of the office's live objects, the sync
 * position and the outbox.
 */
static const char cache_v1[] =
  /* One row: where this desk syncs from and how far it got. */
  "CREATE TABLE sync_state ("
  "  id         INTEGER PRIMARY KEY CHECK (id = 1),"
  "  server_url TEXT,"
  "  office     TEXT,"
  "  last_seq   INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0),"
  "  synced_at  INTEGER"
  ");"
  "INSERT INTO sync_state (id) VALUES (1);"

  "CREATE TABLE offices ("
  "  code      TEXT    NOT NULL PRIMARY KEY,"
  "  name      TEXT    NOT NULL,"
  "  timezone  TEXT    NOT NULL,"
  "  json      TEXT    NOT NULL CHECK (json_valid (json)),"
  "  synced_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE officers ("
  "  id        TEXT    NOT NULL PRIMARY KEY,"
  "  username  TEXT    NOT NULL,"
  "  name      TEXT    NOT NULL,"
  "  role      TEXT    NOT NULL,"
  "  office    TEXT,"
  "  presence  TEXT,"
  "  json      TEXT    NOT NULL CHECK (json_valid (json)),"
  "  synced_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX officers_office_name ON officers (office, name);"

  "CREATE TABLE tickets ("
  "  id           TEXT    NOT NULL PRIMARY KEY,"
  "  office       TEXT    NOT NULL,"
  "  service      TEXT    NOT NULL,"
  "  service_date TEXT    NOT NULL,"
  "  number       TEXT    NOT NULL,"
  "  status       TEXT    NOT NULL,"
  "  desk         TEXT,"
  "  officer      TEXT,"
  "  issued_at    INTEGER NOT NULL,"
  "  wait_due     INTEGER,"
  "  json         TEXT    NOT NULL CHECK (json_valid (json)),"
  "  synced_at    INTEGER NOT NULL"
  ");"
  "CREATE INDEX tickets_office_day_status ON tickets (office, service_date, status, issued_at);"

  /* `due_at` is the deadline the badge counts down to (first response, or
   * idle close), so the list sorts most urgent first.
   */
  "CREATE TABLE consultations ("
  "  id              TEXT    NOT NULL PRIMARY KEY,"
  "  office          TEXT    NOT NULL,"
  "  channel         TEXT    NOT NULL,"
  "  status          TEXT    NOT NULL,"
  "  assignee        TEXT,"
  "  sla_state       TEXT,"
  "  due_at          INTEGER,"
  "  created_at      INTEGER NOT NULL,"
  "  last_message_at INTEGER,"
  "  json            TEXT    NOT NULL CHECK (json_valid (json)),"
  "  synced_at       INTEGER NOT NULL"
  ");"
  "CREATE INDEX consultations_office_status_due ON consultations (office, status, due_at);"
  "CREATE INDEX consultations_assignee_status_due ON consultations (assignee, status, due_at);"

  "CREATE TABLE messages ("
  "  id           TEXT    NOT NULL PRIMARY KEY,"
  "  consultation TEXT    NOT NULL,"
  "  at           INTEGER NOT NULL,"
  "  json         TEXT    NOT NULL CHECK (json_valid (json)),"
  "  synced_at    INTEGER NOT NULL"
  ");"
  "CREATE INDEX messages_consultation_at ON messages (consultation, at);"

  /* Actions waiting to reach the server, replayed in `id` order, each with
   * the Idempotency-Key that makes a replay harmless. `subject` names the
   * object shown as pending (`ticket:ID`).
   */
  "CREATE TABLE outbox ("
  "  id              INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  idempotency_key TEXT    NOT NULL UNIQUE CHECK (idempotency_key <> ''),"
  "  method          TEXT    NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE')),"
  "  path            TEXT    NOT NULL CHECK (path <> ''),"
  "  body            TEXT    CHECK (body IS NULL OR json_valid (body)),"
  "  subject         TEXT,"
  "  created_at      INTEGER NOT NULL,"
  "  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
  "  last_error      TEXT,"
  "  state           TEXT    NOT NULL DEFAULT 'pending'"
  "                          CHECK (state IN ('pending', 'sent', 'failed'))"
  ");"
  "CREATE INDEX outbox_state_id ON outbox (state, id);"
  "CREATE INDEX outbox_subject ON outbox (subject) WHERE subject IS NOT NULL;";

/* Cache, version 2: the knowledge base for offline search (kiosk and
 * officers), and a retry time for outbox back-off.
 */
static const char cache_v2[] =
  "CREATE TABLE kb_articles ("
  "  num        INTEGER PRIMARY KEY,"
  "  id         TEXT    NOT NULL UNIQUE,"
  "  lang       TEXT    NOT NULL,"
  "  title      TEXT    NOT NULL,"
  "  body       TEXT    NOT NULL,"
  "  tags       TEXT    NOT NULL DEFAULT '[]',"
  "  category   TEXT,"
  "  office     TEXT,"
  "  updated_at INTEGER NOT NULL,"
  "  json       TEXT    NOT NULL CHECK (json_valid (json)),"
  "  synced_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX kb_articles_lang_office ON kb_articles (lang, office);"
  /* Same tokenizer as the server's index; see there for the hunspell plan. */
  "CREATE VIRTUAL TABLE kb_articles_fts USING fts5 ("
  "  title, body, tags,"
  "  content = 'kb_articles', content_rowid = 'num',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (rowid, title, body, tags)"
  "    VALUES (new.num, new.title, new.body, new.tags);"
  "END;"
  "CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body, tags)"
  "    VALUES ('delete', old.num, old.title, old.body, old.tags);"
  "END;"
  "CREATE TRIGGER kb_articles_fts_update AFTER UPDATE OF num, title, body, tags ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body, tags)"
  "    VALUES ('delete', old.num, old.title, old.body, old.tags);"
  "  INSERT INTO kb_articles_fts (rowid, title, body, tags)"
  "    VALUES (new.num, new.title, new.body, new.tags);"
  "END;"

  "ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER;"
  "CREATE INDEX outbox_state_next_attempt ON outbox (state, next_attempt_at);";

/* Cache, version 3: the knowledge-base index with the "pst" tokenizer, as
 * the server's version 5.
 */
static const char cache_v3[] =
  "DROP TRIGGER kb_articles_fts_insert;"
  "DROP TRIGGER kb_articles_fts_delete;"
  "DROP TRIGGER kb_articles_fts_update;"
  "DROP TABLE kb_articles_fts;"
  "CREATE VIRTUAL TABLE kb_articles_fts USING fts5 ("
  "  title, body, tags,"
  "  content = 'kb_articles', content_rowid = 'num',"
  "  tokenize = 'pst'"
  ");"
  "CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (rowid, title, body, tags)"
  "    VALUES (new.num, new.title, new.body, new.tags);"
  "END;"
  "CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body, tags)"
  "    VALUES ('delete', old.num, old.title, old.body, old.tags);"
  "END;"
  "CREATE TRIGGER kb_articles_fts_update AFTER UPDATE OF num, title, body, tags ON kb_articles BEGIN"
  "  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, body, tags)"
  "    VALUES ('delete', old.num, old.title, old.body, old.tags);"
  "  INSERT INTO kb_articles_fts (rowid, title, body, tags)"
  "    VALUES (new.num, new.title, new.body, new.tags);"
  "END;"
  "INSERT INTO kb_articles_fts (kb_articles_fts) VALUES ('rebuild');";

/* Cache, version 4: how far each officer of the desk has read each
 * consultation (the unread marks), kept across restarts.
 */
static const char cache_v4[] =
  "CREATE TABLE consultation_reads ("
  "  officer      TEXT    NOT NULL,"
  "  consultation TEXT    NOT NULL,"
  "  read_at      INTEGER NOT NULL,"
  "  PRIMARY KEY (officer, consultation)"
  ");"
  "CREATE INDEX consultation_reads_consultation ON consultation_reads (consultation);";

static const PstStoreMigration cache_migrations[] = {
  { 1, "mirror of the office, sync state, outbox", cache_v1 },
  { 2, "knowledge base for offline search, outbox back-off", cache_v2 },
  { 3, "knowledge-base index with roots and stems", cache_v3 },
  { 4, "unread marks of consultations", cache_v4 },
  { 5, "knowledge-base index with the corrected roots", kb_index_rebuild },
};

const PstStoreMigration *
pst_store_migrations_get (PstStoreSchema  schema,
                          guint          *out_n_migrations)
{
  g_return_val_if_fail ((guint) schema < PST_N_STORE_SCHEMAS, NULL);
  g_return_val_if_fail (out_n_migrations != NULL, NULL);

  switch (schema)
    {
    case PST_STORE_SCHEMA_SERVER:
      *out_n_migrations = G_N_ELEMENTS (server_migrations);
      return server_migrations;

    case PST_STORE_SCHEMA_CACHE:
      *out_n_migrations = G_N_ELEMENTS (cache_migrations);
      return cache_migrations;

    case PST_N_STORE_SCHEMAS:
    default:
      g_assert_not_reached ();
    }
}

/* The `PRAGMA application_id` of each kind of database: "PSTS" and "PSTC"
 * in ASCII, so `file` and a hex dump show what a file is.
 */
guint32
pst_store_schema_application_id (PstStoreSchema schema)
{
  g_return_val_if_fail ((guint) schema < PST_N_STORE_SCHEMAS, 0);

  switch (schema)
    {
    case PST_STORE_SCHEMA_SERVER:
      return 0x50535453;

    case PST_STORE_SCHEMA_CACHE:
      return 0x50535443;

    case PST_N_STORE_SCHEMAS:
    default:
      g_assert_not_reached ();
    }
}
