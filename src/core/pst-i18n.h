/* pst-i18n.h: gettext for libpst and everything built on it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>
