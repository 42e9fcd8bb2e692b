/* hb-api.h: umbrella header of libhb-api (the AppHarbor client; no GTK)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-api-enums.h"
#include "hb-api-error.h"
#include "hb-api-types.h"
#include "hb-app-error.h"
#include "hb-app-list.h"
#include "hb-app.h"
#include "hb-build-list.h"
#include "hb-build-watch.h"
#include "hb-build.h"
#include "hb-client.h"
#include "hb-collaborator.h"
#include "hb-config-var.h"
#include "hb-drain.h"
#include "hb-exception.h"
#include "hb-hostname.h"
#include "hb-log-entry.h"
#include "hb-remote-list.h"
#include "hb-service-hook.h"
#include "hb-test-node.h"
#include "hb-user.h"
