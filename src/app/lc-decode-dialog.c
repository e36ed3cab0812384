/* lc-decode-dialog.c — Decode a Code: the code as typed, grouped as it grows, then its summary
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-decode-dialog.h"
#include "lc-result-code.h"

struct _LcDecodeDialog
{
  AdwWindow  parent_instance;

  GtkWidget *code_row;
  GtkWidget *status_label;
  GtkWidget *summary_box;
  GtkWidget *verdict_icon;
  GtkWidget *verdict_label;
  GtkWidget *lines_list;

  guint      regroup_id;
  gboolean   decoded;
};

G_DEFINE_FINAL_TYPE (LcDecodeDialog, lc_decode_dialog, ADW_TYPE_WINDOW)

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* What was typed, as the code reads it: separators out, upper case, I and L as 1, O as 0.
 * A character no code has stays, upper-cased, so that the reason can point at it. */
static char *
typed_symbols (const char *text,
               guint       cursor,
               guint      *symbols_before_cursor)
{
  GString *symbols = g_string_new (NULL);
  guint index = 0;

  *symbols_before_cursor = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), index++)
    {
      gunichar c = g_unichar_toupper (g_utf8_get_char (p));

      if (is_separator (c))
        continue;
      if (c == 'I' || c == 'L')
        c = '1';
      else if (c == 'O')
        c = '0';
      g_string_append_unichar (symbols, c);
      if (index < cursor)
        (*symbols_before_cursor)++;
    }
  return g_string_free (symbols, FALSE);
}

/* Groups of four by characters, not bytes: a stray "Ä" must not split. */
static char *
group_symbols (const char *symbols)
{
  GString *grouped = g_string_new (NULL);
  guint n = 0;

  for (const char *p = symbols; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      if (n > 0 && n % 4 == 0)
        g_string_append_c (grouped, ' ');
      g_string_append_unichar (grouped, g_utf8_get_char (p));
    }
  return g_string_free (grouped, FALSE);
}

/* A line of the summary: its title small, its items one under the other. */
static GtkWidget *
summary_row (const LcResultCodeLine *line)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title_label = gtk_label_new (line->title);
  g_autofree char *items = g_strjoinv ("\n", line->items);
  GtkWidget *text_label = gtk_label_new (items);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "caption-heading");
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text_label), 0);
  gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text_label), PANGO_WRAP_WORD_CHAR);

  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), text_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, line->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, line->text, -1);
  return row;
}

static void
clear_summary (LcDecodeDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->lines_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->lines_list), child);
  gtk_widget_set_visible (self->summary_box, FALSE);
}

static void
show_status (LcDecodeDialog *self,
             const char     *text,
             gboolean        refused)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
  if (refused)
    {
      gtk_widget_remove_css_class (self->status_label, "dim-label");
      gtk_widget_add_css_class (self->status_label, "error");
      gtk_widget_add_css_class (self->code_row, "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->status_label, "error");
      gtk_widget_add_css_class (self->status_label, "dim-label");
      gtk_widget_remove_css_class (self->code_row, "error");
    }
}

static void
show_summary (LcDecodeDialog     *self,
              const LcResultCode *code)
{
  g_autofree char *verdict = lc_result_code_describe_verdict (code);
  g_autoptr(GPtrArray) lines = lc_result_code_describe_lines (code);
  const char *icon;
  const char *style;

  switch (code->verdict)
    {
    case LC_RESULT_CODE_STATUS_PASS:
      icon = "emblem-ok-symbolic";
      style = "success";
      break;
    case LC_RESULT_CODE_STATUS_WARN:
      icon = "dialog-warning-symbolic";
      style = "warning";
      break;
    case LC_RESULT_CODE_STATUS_FAIL:
    case LC_RESULT_CODE_STATUS_NONE:
    default:
      icon = "dialog-error-symbolic";
      style = "error";
      break;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->verdict_icon), icon);
  gtk_widget_remove_css_class (self->verdict_icon, "success");
  gtk_widget_remove_css_class (self->verdict_icon, "warning");
  gtk_widget_remove_css_class (self->verdict_icon, "error");
  gtk_widget_add_css_class (self->verdict_icon, style);
  gtk_label_set_text (GTK_LABEL (self->verdict_label), verdict);

  for (guint i = 0; i < lines->len; i++)
    {
      gtk_list_box_append (GTK_LIST_BOX (self->lines_list),
                           summary_row (g_ptr_array_index (lines, i)));
    }
  gtk_widget_set_visible (self->summary_box, TRUE);
}

static void
set_decoded (LcDecodeDialog *self,
             gboolean        decoded)
{
  self->decoded = decoded;
}

/* Says where the typing stands: how far along, the reason a code is refused, or its summary. */
static void
update_result (LcDecodeDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *symbols = NULL;
  LcResultCode code;

  clear_summary (self);
  set_decoded (self, FALSE);

  /* A character no code has is said at once; a short code only once it is complete. */
  symbols = lc_result_code_normalize (text, &error);
  if (symbols == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }

  if (strlen (symbols) < LC_RESULT_CODE_LENGTH)
    {
      g_autofree char *progress =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u character",
                                      "%u of %u characters", LC_RESULT_CODE_LENGTH),
                         (guint)strlen (symbols), (guint)LC_RESULT_CODE_LENGTH);
      show_status (self, progress, FALSE);
      return;
    }

  if (!lc_result_code_decode (text, &code, &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }

  {
    /* Translators: said under a code that decoded; %u is its format number */
    g_autofree char *status = g_strdup_printf (_("A valid code, format %u"), code.format);
    show_status (self, status, FALSE);
  }
  show_summary (self, &code);
  set_decoded (self, TRUE);
}

/* Rewrites the entry in groups of four once the typing has landed, keeping the cursor after
 * the same character: GTK moves the cursor only after "changed", so not from inside it. */
static gboolean
regroup (gpointer user_data)
{
  LcDecodeDialog *self = user_data;
  GtkEditable *editable = GTK_EDITABLE (self->code_row);
  const char *text = gtk_editable_get_text (editable);
  guint before;
  g_autofree char *symbols = typed_symbols (text, gtk_editable_get_position (editable), &before);
  g_autofree char *grouped = group_symbols (symbols);

  self->regroup_id = 0;

  if (!g_str_equal (grouped, text))
    {
      g_signal_handlers_block_matched (editable, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_editable_set_text (editable, grouped);
      g_signal_handlers_unblock_matched (editable, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      /* After the nth character, before the space that may follow it. */
      gtk_editable_set_position (editable, before == 0 ? 0 : (int)(before + (before - 1) / 4));
    }

  update_result (self);
  return G_SOURCE_REMOVE;
}

static void
on_code_changed (LcDecodeDialog *self)
{
  if (self->regroup_id == 0)
    self->regroup_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, regroup, self, NULL);
}

/**
 * lc_decode_dialog_set_code:
 * @text: a code, in any form a person types it
 *
 * Puts @text in the entry, as if typed, and decodes it.
 */
void
lc_decode_dialog_set_code (LcDecodeDialog *self,
                           const char     *text)
{
  g_return_if_fail (LC_IS_DECODE_DIALOG (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), text);
  gtk_editable_set_position (GTK_EDITABLE (self->code_row), -1);
  g_clear_handle_id (&self->regroup_id, g_source_remove);
  regroup (self);
}

/**
 * lc_decode_dialog_get_decoded:
 *
 * Returns: whether the entry holds a valid code, whose summary is shown
 */
gboolean
lc_decode_dialog_get_decoded (LcDecodeDialog *self)
{
  g_return_val_if_fail (LC_IS_DECODE_DIALOG (self), FALSE);
  return self->decoded;
}

static void
lc_decode_dialog_dispose (GObject *object)
{
  LcDecodeDialog *self = LC_DECODE_DIALOG (object);

  g_clear_handle_id (&self->regroup_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_DECODE_DIALOG);

  G_OBJECT_CLASS (lc_decode_dialog_parent_class)->dispose (object);
}

static void
lc_decode_dialog_class_init (LcDecodeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_decode_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/lc-decode-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LcDecodeDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, LcDecodeDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, LcDecodeDialog, summary_box);
  gtk_widget_class_bind_template_child (widget_class, LcDecodeDialog, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, LcDecodeDialog, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, LcDecodeDialog, lines_list);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lc_decode_dialog_init (LcDecodeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The reason or the progress under the entry is what a screen reader says about it. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->code_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->status_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->lines_list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->verdict_label, NULL,
                                  -1);
  update_result (self);
  gtk_widget_grab_focus (self->code_row);
}

/**
 * lc_decode_dialog_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer full): a Decode a Code window, its entry focused
 */
LcDecodeDialog *
lc_decode_dialog_new (GtkWindow *parent)
{
  return g_object_new (LC_TYPE_DECODE_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
