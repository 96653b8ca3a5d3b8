// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <cstring>

#include <ftpreply/ftpreply.h>

int main() {
  const char stream[] = "220 ready\r\n211-Features:\r\n UTF8\r\n211 End\r\n";
  ftpreply::scanner s(ftpreply::options::lenient());
  int replies = 0;
  size_t errors = ftpreply::scan_all(s, stream, std::strlen(stream), [&](const ftpreply::event& e) {
    if (e.is_reply()) std::printf("reply %u, lines %u\n", e.code(), e.line_count());
    replies += e.is_reply();
  });
  std::printf("ftpreply %s, kernel %s\n", ftpreply::version(),
              ftpreply::to_string(ftpreply::best_kernel()));
  return errors == 0 && replies == 2 ? 0 : 1;
}
