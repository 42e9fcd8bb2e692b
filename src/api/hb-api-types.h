/* hb-api-types.h: public enumerations of libhb-api (input to glib-mkenums)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every enum starts at UNKNOWN: the server is read liberally, so a value this
 * version does not know is kept as UNKNOWN rather than failing the response. */

typedef enum
{
  HB_BUILD_STATUS_UNKNOWN,
  HB_BUILD_STATUS_QUEUED,
  HB_BUILD_STATUS_BUILDING,
  HB_BUILD_STATUS_SUCCEEDED,
  HB_BUILD_STATUS_FAILED,
} HbBuildStatus;

typedef enum
{
  HB_TEST_STATUS_UNKNOWN,
  HB_TEST_STATUS_PASSED,
  HB_TEST_STATUS_FAILED,
  HB_TEST_STATUS_SKIPPED,
} HbTestStatus;

typedef enum
{
  HB_TEST_KIND_UNKNOWN,
  HB_TEST_KIND_GROUP,
  HB_TEST_KIND_TEST,
} HbTestKind;

typedef enum
{
  HB_COLLABORATOR_ROLE_UNKNOWN,
  HB_COLLABORATOR_ROLE_OWNER,
  HB_COLLABORATOR_ROLE_ADMINISTRATOR,
  HB_COLLABORATOR_ROLE_COLLABORATOR,
} HbCollaboratorRole;

typedef enum
{
  HB_REGION_UNKNOWN,
  HB_REGION_US_EAST_1,
  HB_REGION_EU_WEST_1,
} HbRegion;

const char *hb_region_to_id (HbRegion region);
HbRegion hb_region_from_id (const char *region_id);

const char *hb_build_status_to_string (HbBuildStatus status);
gboolean hb_build_status_is_finished (HbBuildStatus status);
const char *hb_collaborator_role_to_string (HbCollaboratorRole role);

G_END_DECLS
