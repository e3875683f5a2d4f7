/* app-test-util.h: what the app's window tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-window.h"

G_BEGIN_DECLS

/* How long a window may take to load a sample before a test fails. */
#define APP_TEST_LOAD_TIMEOUT_S 30

AlamaApplication *app_test_init (int    *argc,
                                 char ***argv);
int app_test_run (AlamaApplication **app);
gboolean app_test_timeout_cb (gpointer user_data);
void app_test_wait_loaded (AlamaWindow *window);
AlamaWindow *app_test_open_window (AlamaApplication *app,
                                   const char       *path);

void app_test_close_window (AlamaWindow *window);
void app_test_wait_mapped (GtkWidget *widget);
void app_test_wait_frame (GtkWidget *widget);
void app_test_wait_painted (AlamaWindow *window);
GdkTexture *app_test_render_widget (GtkWidget *widget);
guchar *app_test_texture_pixels (GdkTexture *texture,
                                 gsize      *size);
guint app_test_count_highlight_pixels (AlamaWindow *window,
                                       const char  *png_name);

void app_test_spin (void);

char *app_test_make_dir (const char *prefix);
void app_test_remove_dir (const char *path);

/* A text written into a directory of its own and opened in a window. */
typedef struct
{
  char *dir;
  char *text_path;
  char *xml_path;
  AlamaWindow *window;
  AlamaDocument *document;
  AlamaDocumentView *view;
} AppTestDoc;

void app_test_doc_open (AppTestDoc       *doc,
                        AlamaApplication *app,
                        const char       *prefix,
                        const char       *text);
void app_test_doc_close (AppTestDoc *doc);

gsize app_test_offset_of (const char *text,
                          const char *needle,
                          guint       nth);
void app_test_select_range (AlamaDocumentView *view,
                            gsize              start_char,
                            gsize              end_char);
void app_test_activate (AlamaDocumentView *view,
                        const char        *action,
                        const char        *label);

const AlamaAnnotation *app_test_entity_at (AlamaDocument *document,
                                           gsize          offset);
guint app_test_count_entities (AlamaDocument *document);

typedef enum
{
  APP_TEST_DESCRIBE_IDS = 1 << 0,
  APP_TEST_DESCRIBE_ORIGIN = 1 << 1,
  APP_TEST_DESCRIBE_CONFIRMED_BY = 1 << 2,
  APP_TEST_DESCRIBE_ALL = 0x7,
} AppTestDescribeFlags;

char *app_test_describe (AlamaDocument        *document,
                         AppTestDescribeFlags  flags);

GtkWidget *app_test_find_button (GtkWidget  *widget,
                                 const char *action);
AdwMessageDialog *app_test_find_dialog (AlamaWindow *window);
void app_test_respond (AdwMessageDialog *dialog,
                       const char       *response);

G_END_DECLS
