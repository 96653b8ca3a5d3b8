// SPDX-License-Identifier: Apache-2.0
// ftpreply/posix.h - endpoints to and from POSIX socket addresses (AF_INET,
// AF_INET6). Header-only and kept out of the rest of the kernel, which stays
// portable; include it where <sys/socket.h> exists. Not in the single header.
//
//   ftpreply::endpoint ep;    // from decode_pasv, decode_lpsv, ...
//   sockaddr_storage sa;
//   socklen_t len;
//   if (ftpreply::to_sockaddr(ep, &sa, &len) == ftpreply::error::ok)
//     connect(fd, reinterpret_cast<const sockaddr*>(&sa), len);
#ifndef FTPREPLY_POSIX_H
#define FTPREPLY_POSIX_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "ftpreply/decode.h"

namespace ftpreply {

// `ep` as a sockaddr_in or sockaddr_in6; invalid_argument for an endpoint
// with no family.
[[nodiscard]] inline error to_sockaddr(const endpoint& ep, sockaddr_storage* out,
                                       socklen_t* length) noexcept {
  std::memset(out, 0, sizeof *out);
  if (ep.family == address_family::ipv4) {
    sockaddr_in* a = reinterpret_cast<sockaddr_in*>(out);
    a->sin_family = AF_INET;
    a->sin_port = htons(ep.port);
    std::memcpy(&a->sin_addr, ep.address, 4);
    *length = sizeof *a;
    return error::ok;
  }
  if (ep.family == address_family::ipv6) {
    sockaddr_in6* a = reinterpret_cast<sockaddr_in6*>(out);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(ep.port);
    std::memcpy(&a->sin6_addr, ep.address, 16);
    *length = sizeof *a;
    return error::ok;
  }
  return error::invalid_argument;
}

// A sockaddr_in or sockaddr_in6 as an endpoint; invalid_argument for other
// families or a length too short for the family.
[[nodiscard]] inline error from_sockaddr(const sockaddr* in, socklen_t length,
                                         endpoint* out) noexcept {
  *out = endpoint();
  if (in->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in a;
    std::memcpy(&a, in, sizeof a);
    out->family = address_family::ipv4;
    out->port = ntohs(a.sin_port);
    std::memcpy(out->address, &a.sin_addr, 4);
    return error::ok;
  }
  if (in->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 a;
    std::memcpy(&a, in, sizeof a);
    out->family = address_family::ipv6;
    out->port = ntohs(a.sin6_port);
    std::memcpy(out->address, &a.sin6_addr, 16);
    return error::ok;
  }
  return error::invalid_argument;
}

}  // namespace ftpreply

#endif  // FTPREPLY_POSIX_H
