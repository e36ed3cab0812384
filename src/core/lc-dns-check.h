/* lc-dns-check.h — does a service's host name resolve, to what, and how fast
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-check.h"

G_BEGIN_DECLS

#define LC_TYPE_DNS_CHECK (lc_dns_check_get_type ())

G_DECLARE_FINAL_TYPE (LcDnsCheck, lc_dns_check, LC, DNS_CHECK, LcCheck)

LcCheck *lc_dns_check_new (LcCheckResult *result);

G_END_DECLS
