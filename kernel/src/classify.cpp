// SPDX-License-Identifier: Apache-2.0
// The reply-code table: every code of the project's seed table (meanings as
// the seed gives them), the codes RFC 2228 and RFC 2428 add, and the Winsock
// errors clients report as replies. Lookup is an index into a constant array.
#include "ftpreply/classify.h"

namespace ftpreply {
namespace {

struct entry {
  uint32_t code;
  source src;
  const char* meaning;
};

// Sorted by code.
constexpr entry kTable[] = {
    {110, source::rfc959,
     "Restart marker replay . In this case, the text is exact and not left to the particular implementation; it must read: MARK yyyy = mmmm where yyyy is User-process data stream marker, and mmmm server's equivalent marker (note the spaces between markers and \"=\")."},
    {120, source::rfc959,
     "Service ready in nnn minutes."},
    {125, source::rfc959,
     "Data connection already open; transfer starting."},
    {150, source::rfc959,
     "File status okay; about to open data connection."},
    {200, source::rfc959,
     "The requested action has been successfully completed."},
    {202, source::rfc959,
     "Command not implemented, superfluous at this site."},
    {211, source::rfc959,
     "System status, or system help reply."},
    {212, source::rfc959,
     "Directory status."},
    {213, source::rfc959,
     "File status."},
    {214, source::rfc959,
     "Help message.On how to use the server or the meaning of a particular non-standard command. This reply is useful only to the human user."},
    {215, source::rfc959,
     "NAME system type. Where NAME is an official system name from the registry kept by IANA."},
    {220, source::rfc959,
     "Service ready for new user."},
    {221, source::rfc959,
     "Service closing control connection."},
    {225, source::rfc959,
     "Data connection open; no transfer in progress."},
    {226, source::rfc959,
     "Closing data connection. Requested file action successful (for example, file transfer or file abort)."},
    {227, source::rfc959,
     "Entering Passive Mode (h1,h2,h3,h4,p1,p2)."},
    {228, source::rfc1639,
     "Entering Long Passive Mode (long address, port)."},
    {229, source::rfc2428,
     "Entering Extended Passive Mode (|||port|)."},
    {230, source::rfc959,
     "User logged in, proceed. Logged out if appropriate."},
    {231, source::vendor,
     "User logged out; service terminated."},
    {232, source::rfc2228,
     "Logout command noted, will complete when transfer done. RFC 2228: User logged in, authorized by security data exchange."},
    {234, source::rfc2228,
     "Specifies that the server accepts the authentication mechanism specified by the client, and the exchange of security data is complete. A higher level nonstandard code created by Microsoft. RFC 2228: Security data exchange complete."},
    {235, source::rfc2228,
     "[ADAT=base64data] Security data exchange completed successfully."},
    {250, source::rfc959,
     "Requested file action okay, completed."},
    {257, source::rfc959,
     "\"PATHNAME\" created."},
    {331, source::rfc959,
     "User name okay, need password."},
    {332, source::rfc959,
     "Need account for login."},
    {334, source::rfc2228,
     "[ADAT=base64data] Requested security mechanism is ok; the data lets the client build the next command."},
    {335, source::rfc2228,
     "[ADAT=base64data] Security data is acceptable, and more is required to complete the exchange."},
    {336, source::rfc2228,
     "Username okay, need password. Challenge is \"....\"."},
    {350, source::rfc959,
     "Requested file action pending further information"},
    {421, source::rfc959,
     "Service not available, closing control connection. This may be a reply to any command if the service knows it must shut down."},
    {425, source::rfc959,
     "Can't open data connection."},
    {426, source::rfc959,
     "Connection closed; transfer aborted."},
    {430, source::vendor,
     "Invalid username or password"},
    {431, source::rfc2228,
     "Need some unavailable resource to process security."},
    {434, source::rfc7151,
     "Requested host unavailable."},
    {450, source::rfc959,
     "Requested file action not taken."},
    {451, source::rfc959,
     "Requested action aborted. Local error in processing."},
    {452, source::rfc959,
     "Requested action not taken. Insufficient storage space in system.File unavailable (e.g., file busy)."},
    {500, source::rfc959,
     "Syntax error, command unrecognized and the requested action did not take place. This may include errors such as command line too long."},
    {501, source::rfc959,
     "Syntax error in parameters or arguments."},
    {502, source::rfc959,
     "Command not implemented."},
    {503, source::rfc959,
     "Bad sequence of commands."},
    {504, source::rfc959,
     "Command not implemented for that parameter."},
    {522, source::rfc2428,
     "Network protocol not supported, use (prot1,prot2,...)."},
    {530, source::rfc959,
     "Not logged in."},
    {532, source::rfc959,
     "Need account for storing files."},
    {533, source::rfc2228,
     "Command protection level denied for policy reasons."},
    {534, source::rfc2228,
     "Request denied for policy reasons."},
    {535, source::rfc2228,
     "Failed security check (hash, sequence, etc)."},
    {536, source::rfc2228,
     "Requested PROT level not supported by mechanism."},
    {537, source::rfc2228,
     "Command protection level not supported by security mechanism."},
    {550, source::rfc959,
     "Requested action not taken. File unavailable (e.g., file not found, no access)."},
    {551, source::rfc959,
     "Requested action aborted. Page type unknown."},
    {552, source::rfc959,
     "Requested file action aborted. Exceeded storage allocation (for current directory or dataset)."},
    {553, source::rfc959,
     "Requested action not taken. File name not allowed."},
    {631, source::rfc2228,
     "Integrity protected reply."},
    {632, source::rfc2228,
     "Confidentiality and integrity protected reply."},
    {633, source::rfc2228,
     "Confidentiality protected reply."},
    {10054, source::winsock,
     "Connection reset by peer. The connection was forcibly closed by the remote host."},
    {10060, source::winsock,
     "Cannot connect to remote server."},
    {10061, source::winsock,
     "Cannot connect to remote server. The connection is actively refused by the server."},
    {10066, source::winsock,
     "Directory not empty."},
    {10068, source::winsock,
     "Too many users, server is full."},
};
constexpr int kTableSize = static_cast<int>(sizeof(kTable) / sizeof(kTable[0]));
constexpr uint8_t kNone = 0xFF;
static_assert(kTableSize < kNone, "the index holds table positions in a byte");

struct index_table {
  uint8_t at[1000];
};

constexpr index_table make_index() {
  index_table t{};
  for (int i = 0; i < 1000; ++i) t.at[i] = kNone;
  for (int i = 0; i < kTableSize; ++i)
    if (kTable[i].code < 1000) t.at[kTable[i].code] = static_cast<uint8_t>(i);
  return t;
}

constexpr index_table kIndex = make_index();

}  // namespace

reply_kind kind_of_digit(char first) noexcept {
  return first >= '1' && first <= '6'
             ? static_cast<reply_kind>(first - '0')
             : reply_kind::invalid;
}

reply_group group_of_digit(char second) noexcept {
  return second >= '0' && second <= '5'
             ? static_cast<reply_group>(second - '0')
             : reply_group::unknown;
}

code_info classify(uint32_t code) noexcept {
  code_info info{code, false, reply_kind::invalid, reply_group::unknown,
                 source::none, nullptr};
  const entry* e = nullptr;
  if (code < 1000) {
    info.kind = kind_of_digit(static_cast<char>('0' + code / 100));
    info.group = group_of_digit(static_cast<char>('0' + code / 10 % 10));
    if (kIndex.at[code] != kNone) e = &kTable[kIndex.at[code]];
  } else {
    // Only the few Winsock codes sit above 999, at the end of the table.
    for (int i = kTableSize - 1; i >= 0 && kTable[i].code >= 1000; --i)
      if (kTable[i].code == code) e = &kTable[i];
  }
  if (e != nullptr) {
    info.known = true;
    info.src = e->src;
    info.meaning = e->meaning;
  }
  return info;
}

const char* to_string(reply_kind k) noexcept {
  switch (k) {
    case reply_kind::invalid: return "invalid";
    case reply_kind::preliminary: return "preliminary";
    case reply_kind::completion: return "completion";
    case reply_kind::intermediate: return "intermediate";
    case reply_kind::transient_negative: return "transient_negative";
    case reply_kind::permanent_negative: return "permanent_negative";
    case reply_kind::protected_reply: return "protected";
  }
  return "invalid";
}

const char* to_string(reply_group g) noexcept {
  switch (g) {
    case reply_group::syntax: return "syntax";
    case reply_group::information: return "information";
    case reply_group::connections: return "connections";
    case reply_group::authentication: return "authentication";
    case reply_group::unspecified: return "unspecified";
    case reply_group::file_system: return "file_system";
    case reply_group::unknown: return "unknown";
  }
  return "unknown";
}

const char* to_string(source s) noexcept {
  switch (s) {
    case source::none: return "none";
    case source::rfc959: return "rfc959";
    case source::rfc1639: return "rfc1639";
    case source::rfc2228: return "rfc2228";
    case source::rfc2428: return "rfc2428";
    case source::rfc7151: return "rfc7151";
    case source::vendor: return "vendor";
    case source::winsock: return "winsock";
  }
  return "none";
}

const char* describe(reply_kind k) noexcept {
  switch (k) {
    case reply_kind::preliminary:
      return "Positive Preliminary reply: the requested action is being "
             "initiated; expect another reply before proceeding with a new "
             "command.";
    case reply_kind::completion:
      return "Positive Completion reply: the requested action has been "
             "successfully completed. A new request may be initiated.";
    case reply_kind::intermediate:
      return "Positive Intermediate reply: the command has been accepted, but "
             "the requested action is being held in abeyance, pending receipt "
             "of further information.";
    case reply_kind::transient_negative:
      return "Transient Negative Completion reply: the command was not "
             "accepted and the requested action did not take place, but the "
             "error condition is temporary and the action may be requested "
             "again.";
    case reply_kind::permanent_negative:
      return "Permanent Negative Completion reply: the command was not "
             "accepted and the requested action did not take place. The "
             "User-process is discouraged from repeating the exact request.";
    case reply_kind::protected_reply:
      return "Protected reply (RFC 2228): a base64-encoded protected message; "
             "decoded, it is a reply of one of the other kinds.";
    case reply_kind::invalid:
      break;
  }
  return "Not a reply class: the first digit of a reply code is 1 to 6.";
}

const char* describe(reply_group g) noexcept {
  switch (g) {
    case reply_group::syntax:
      return "Syntax: syntax errors, syntactically correct commands that "
             "don't fit any functional category, unimplemented or superfluous "
             "commands.";
    case reply_group::information:
      return "Information: replies to requests for information, such as "
             "status or help.";
    case reply_group::connections:
      return "Connections: replies referring to the control and data "
             "connections.";
    case reply_group::authentication:
      return "Authentication and accounting: replies for the login process "
             "and accounting procedures.";
    case reply_group::unspecified:
      return "Unspecified as of RFC 959.";
    case reply_group::file_system:
      return "File system: the status of the Server file system vis-a-vis the "
             "requested transfer or other file system action.";
    case reply_group::unknown:
      break;
  }
  return "Not a reply group: the second digit of a reply code is 0 to 5.";
}

int known_code_count() noexcept { return kTableSize; }

uint32_t known_code_at(int i) noexcept {
  return i >= 0 && i < kTableSize ? kTable[i].code : 0;
}

}  // namespace ftpreply
