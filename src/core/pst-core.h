/* pst-core.h: everything libpst offers, for the programs built on it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pst-calendar.h"
#include "pst-clock.h"
#include "pst-domain.h"
#include "pst-enums.h"
#include "pst-error.h"
#include "pst-holidays.h"
#include "pst-ikm.h"
#include "pst-json.h"
#include "pst-paths.h"
#include "pst-store.h"
#include "pst-ticket-rules.h"
#include "pst-time.h"
#include "pst-validate.h"
