/* app-test-util.h: what the app's window tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alama-application.h"
#include "alama-window.h"

G_BEGIN_DECLS

/* How long a window may take to load a sample before a test fails. */
#define APP_TEST_LOAD_TIMEOUT_S 30

AlamaApplication *app_test_init (int    *argc,
                                 char ***argv);
gboolean app_test_timeout_cb (gpointer user_data);
void app_test_wait_loaded (AlamaWindow *window);
AlamaWindow *app_test_open_window (AlamaApplication *app,
                                   const char       *path);

void app_test_close_window (AlamaWindow *window);
void app_test_wait_painted (AlamaWindow *window);
guint app_test_count_highlight_pixels (AlamaWindow *window,
                                       const char  *png_name);

G_END_DECLS
