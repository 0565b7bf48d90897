/* pst-demo.c: placeholder being written. */

#include "config.h"

#include "pst-server.h"

gboolean
pst_server_seed_demo (PstStore  *store,
                      PstClock  *clock,
                      GError   **error)
{
  return TRUE;
}
