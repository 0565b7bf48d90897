/* pst-test-server.h: a real pst-server for the tests, and a client for it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The server binary (PST_SERVER_BINARY) runs as a child process on
 * 127.0.0.1 with a port the kernel picks and a database in a temporary
 * folder, removed when the server is freed.
 */
typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *db_path;
  char        *base_url;    /* http://127.0.0.1:PORT */
  guint16      port;
  gboolean     demo;
  SoupSession *session;
  GString     *log;         /* what the server wrote to stderr; see pst_test_server_get_log() */
  GMutex       log_lock;
  GDataInputStream *err;    /* the server's stderr */
  GThread     *log_thread;  /* drains it, so the server never blocks on a full pipe */
  char       **extra_args;  /* more options, e.g. --workers 2; see pst_test_server_start_with_args() */
} PstTestServer;

typedef struct
{
  guint               status;
  char               *text;
  JsonNode           *json;   /* NULL when the body is not JSON */
  SoupMessageHeaders *headers;
} PstTestResponse;

PstTestServer   *pst_test_server_start     (gboolean         demo);
PstTestServer   *pst_test_server_start_with_args (gboolean   demo,
                                            const char      *const *args);
void             pst_test_server_stop      (PstTestServer   *self);
void             pst_test_server_restart   (PstTestServer   *self);
void             pst_test_server_restart_full (PstTestServer *self,
                                            gboolean         demo);
char            *pst_test_server_get_log   (PstTestServer   *self);
void             pst_test_server_free      (PstTestServer   *self);

PstTestResponse *pst_test_request          (PstTestServer   *self,
                                            const char      *method,
                                            const char      *path,
                                            const char      *token,
                                            const char      *json_body);
PstTestResponse *pst_test_request_full     (PstTestServer   *self,
                                            const char      *method,
                                            const char      *path,
                                            const char      *token,
                                            const char      *content_type,
                                            const char      *body,
                                            gssize           length,
                                            const char      *const *headers);
char            *pst_test_login            (PstTestServer   *self,
                                            const char      *username,
                                            const char      *password);

JsonObject      *pst_test_response_object  (PstTestResponse *self);
const char      *pst_test_response_string  (PstTestResponse *self,
                                            const char      *member);
const char      *pst_test_response_error   (PstTestResponse *self);
void             pst_test_response_free    (PstTestResponse *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstTestServer, pst_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstTestResponse, pst_test_response_free)

/* Asserts the status and, for errors, the API error code. */
#define pst_test_assert_status(resp, expected) \
  G_STMT_START { \
    PstTestResponse *_r = (resp); \
    if (_r->status != (guint) (expected)) \
      g_error ("%s:%d: expected HTTP %u, got %u: %s", __FILE__, __LINE__, \
               (guint) (expected), _r->status, _r->text != NULL ? _r->text : ""); \
  } G_STMT_END

#define pst_test_assert_error(resp, expected_status, expected_code) \
  G_STMT_START { \
    pst_test_assert_status ((resp), (expected_status)); \
    g_assert_cmpstr (pst_test_response_error (resp), ==, (expected_code)); \
  } G_STMT_END

G_END_DECLS
