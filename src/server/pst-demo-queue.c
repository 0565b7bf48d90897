/* pst-demo-queue.c: placeholder being written. */

#include "config.h"

#include "pst-demo.h"

gboolean
pst_demo_seed_queue (PstStore  *store,
                     PstClock  *clock,
                     GError   **error)
{
  return TRUE;
}
