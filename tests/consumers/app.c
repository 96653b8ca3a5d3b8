/* SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <string.h>

#include <ftpreply.h>

int main(void) {
  static const char stream[] = "220 ready\r\n211-Features:\r\n UTF8\r\n211 End\r\n";
  ftpreply_scanner s;
  ftpreply_event ev[8];
  ftpreply_scan_result r;
  size_t i;
  int replies = 0;
  if (ftpreply_scanner_init(&s, NULL, FTPREPLY_KERNEL_AUTOMATIC) != FTPREPLY_OK ||
      ftpreply_finish(&s, stream, strlen(stream), ev, 8, &r) != FTPREPLY_OK)
    return 1;
  for (i = 0; i < r.events; ++i) {
    if (!ftpreply_event_is_reply(&ev[i])) return 1;
    printf("reply %u, lines %u\n", ftpreply_event_code(&ev[i]), (unsigned)ftpreply_event_lines(&ev[i]));
    ++replies;
  }
  printf("ftpreply %s, kernel %s\n", ftpreply_version(), ftpreply_kernel_name(ftpreply_best_kernel()));
  return replies == 2 ? 0 : 1;
}
