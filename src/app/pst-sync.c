/* pst-sync.c: placeholder while the sync engine is being written: it
 * compiles the API so the UI can link, and refuses to log in.
 */

#include "config.h"

#include "pst-i18n.h"
#include "pst-sync.h"

struct _PstSync
{
  GObject     parent_instance;
  GListStore *tickets;
};

G_DEFINE_FINAL_TYPE (PstSync, pst_sync, G_TYPE_OBJECT)
G_DEFINE_QUARK (pst-sync-error-quark, pst_sync_error)

static void
pst_sync_finalize (GObject *object)
{
  g_clear_object (&PST_SYNC (object)->tickets);
  G_OBJECT_CLASS (pst_sync_parent_class)->finalize (object);
}

static void
pst_sync_class_init (PstSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pst_sync_finalize;
}

static void
pst_sync_init (PstSync *self)
{
  self->tickets = g_list_store_new (PST_TYPE_TICKET_ITEM);
}

PstSync *
pst_sync_new (PstClock   *clock,
              const char *cache_dir)
{
  return g_object_new (PST_TYPE_SYNC, NULL);
}

void
pst_sync_login_async (PstSync             *self,
                      const char          *server_url,
                      const char          *username,
                      const char          *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_return_new_error (task, PST_SYNC_ERROR, PST_SYNC_ERROR_UNREACHABLE,
                           "The sync engine is being written");
}

gboolean
pst_sync_login_finish (PstSync       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void pst_sync_logout (PstSync *self) { }
gboolean pst_sync_is_logged_in (PstSync *self) { return FALSE; }
const char *pst_sync_get_server_url (PstSync *self) { return NULL; }
const PstOfficer *pst_sync_get_officer (PstSync *self) { return NULL; }
const PstOffice *pst_sync_get_office (PstSync *self) { return NULL; }
PstCalendar *pst_sync_get_calendar (PstSync *self) { return NULL; }
PstConnectionState pst_sync_get_state (PstSync *self) { return PST_CONNECTION_OFFLINE; }
guint pst_sync_get_pending_count (PstSync *self) { return 0; }
GListModel *pst_sync_get_tickets (PstSync *self) { return G_LIST_MODEL (self->tickets); }
void pst_sync_issue_ticket (PstSync *self, PstService service, const PstGuestBook *guest_book) { }
void pst_sync_ticket_action (PstSync *self, PstTicketItem *ticket, PstTicketAction action,
                             JsonObject *body) { }
void pst_sync_set_guest_book (PstSync *self, PstTicketItem *ticket,
                              const PstGuestBook *guest_book) { }

void
pst_sync_call_next_async (PstSync             *self,
                          const char          *desk,
                          const PstService    *services,
                          guint                n_services,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_return_new_error (task, PST_SYNC_ERROR, PST_SYNC_ERROR_OFFLINE, "Not connected");
}

PstTicketItem *
pst_sync_call_next_finish (PstSync       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
