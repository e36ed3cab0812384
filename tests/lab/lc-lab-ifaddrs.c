/* lc-lab-ifaddrs.c — an LD_PRELOAD shim for the loopback lab's Janus only
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Janus (1.1.2) skips every interface flagged IFF_LOOPBACK while it gathers ICE candidates,
 * before it reads ice_enforce_list, so on a loopback lab it offers no candidate a client on
 * 127.0.0.1 could reach (reference.md, "Janus on loopback"). Loaded into the Janus process
 * only (linecheck-lab sets LD_PRELOAD for it and for nothing else), this wraps getifaddrs()
 * and clears IFF_LOOPBACK on what it returns. With `ice_enforce_list = "127.0.0.1"` Janus then
 * gathers a host candidate on 127.0.0.1 and nothing else. The addresses, and the kernel, are
 * untouched: only what the flags say to Janus changes.
 *
 * Not for a real deployment: a gateway that offers 127.0.0.1 to remote clients is wrong.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stddef.h>

int getifaddrs (struct ifaddrs **ifap);

typedef int (*GetifaddrsFn) (struct ifaddrs **ifap);

int
getifaddrs (struct ifaddrs **ifap)
{
  static GetifaddrsFn real_getifaddrs;
  struct ifaddrs *ifa;
  int ret;

  if (real_getifaddrs == NULL)
    real_getifaddrs = (GetifaddrsFn)dlsym (RTLD_NEXT, "getifaddrs");
  if (real_getifaddrs == NULL)
    {
      errno = ENOSYS;
      return -1;
    }

  ret = real_getifaddrs (ifap);
  if (ret != 0 || ifap == NULL)
    return ret;

  for (ifa = *ifap; ifa != NULL; ifa = ifa->ifa_next)
    ifa->ifa_flags &= ~(unsigned int)IFF_LOOPBACK;
  return ret;
}
