/* pst-queue-page.c: placeholder while the queue page is being written. */

#include "config.h"

#include "pst-queue-page.h"

struct _PstQueuePage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PstQueuePage, pst_queue_page, ADW_TYPE_BIN)

static void
pst_queue_page_class_init (PstQueuePageClass *klass)
{
}

static void
pst_queue_page_init (PstQueuePage *self)
{
}

GtkWidget *
pst_queue_page_new (PstContext *context)
{
  return g_object_new (PST_TYPE_QUEUE_PAGE, NULL);
}
