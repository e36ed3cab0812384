/* lc-result-code-view.c — the result code shown large, in groups, with copy and spelling
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-result-code-view.h"
#include "lc-result-code.h"

struct _LcResultCodeView
{
  AdwBin     parent_instance;

  GtkWidget *code_label;
  GtkWidget *copy_button;
  GtkWidget *spelling_expander;
  GtkWidget *spelling_label;

  char      *code;       /* the 16 characters, or NULL */
};

enum {
  PROP_0,
  PROP_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LcResultCodeView, lc_result_code_view, ADW_TYPE_BIN)

/* "3 9 B 1, 0 J 2 0, …": a screen reader says each character, not a made-up word. */
static char *
spoken_code (const char *code)
{
  GString *spoken = g_string_new (NULL);

  for (guint i = 0; code[i] != '\0'; i++)
    {
      if (i > 0)
        g_string_append (spoken, i % 4 == 0 ? ", " : " ");
      g_string_append_c (spoken, code[i]);
    }
  return g_string_free (spoken, FALSE);
}

static void
update (LcResultCodeView *self)
{
  gboolean has_code = self->code != NULL;

  if (has_code)
    {
      g_autofree char *grouped = lc_result_code_group (self->code, ' ');
      g_autofree char *spelling = lc_result_code_spell (self->code);
      g_autofree char *spoken = spoken_code (self->code);
      /* Translators: what a screen reader says for the code, "Result code 3 9 B 1, 0 J 2 0, …" */
      g_autofree char *label = g_strdup_printf (_("Result code %s"), spoken);

      gtk_label_set_text (GTK_LABEL (self->code_label), grouped);
      gtk_label_set_text (GTK_LABEL (self->spelling_label), spelling);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->code_label), "–");
      gtk_label_set_text (GTK_LABEL (self->spelling_label), "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No result code yet"), -1);
    }

  gtk_widget_set_visible (self->spelling_expander, has_code);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code.copy", has_code);
}

static void
copy_code (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  LcResultCodeView *self = LC_RESULT_CODE_VIEW (widget);
  g_autofree char *grouped = NULL;
  GtkWidget *overlay;

  g_return_if_fail (self->code != NULL);

  /* Dashes keep the code one word where it is pasted, and every decoder ignores them. */
  grouped = lc_result_code_group (self->code, '-');
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), grouped);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("Result code copied")));
}

/**
 * lc_result_code_view_new:
 *
 * Returns: (transfer floating): a view with no code yet
 */
GtkWidget *
lc_result_code_view_new (void)
{
  return g_object_new (LC_TYPE_RESULT_CODE_VIEW, NULL);
}

/**
 * lc_result_code_view_get_code:
 *
 * Returns: (nullable): the code's 16 characters, ungrouped
 */
const char *
lc_result_code_view_get_code (LcResultCodeView *self)
{
  g_return_val_if_fail (LC_IS_RESULT_CODE_VIEW (self), NULL);
  return self->code;
}

/**
 * lc_result_code_view_set_code:
 * @code: (nullable): a code as the report holds it ("39B1-0J20-…"), or %NULL for none
 *
 * Shows @code; a text that is not a valid code shows as no code, never as a wrong one.
 */
void
lc_result_code_view_set_code (LcResultCodeView *self,
                              const char       *code)
{
  g_autofree char *symbols = NULL;
  LcResultCode decoded;

  g_return_if_fail (LC_IS_RESULT_CODE_VIEW (self));

  if (code != NULL && lc_result_code_decode (code, &decoded, NULL))
    symbols = lc_result_code_normalize (code, NULL);
  else if (code != NULL)
    g_debug ("Not a result code, shown as none: %s", code);

  if (g_strcmp0 (symbols, self->code) == 0)
    return;

  g_free (self->code);
  self->code = g_steal_pointer (&symbols);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

static void
lc_result_code_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LcResultCodeView *self = LC_RESULT_CODE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_result_code_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LcResultCodeView *self = LC_RESULT_CODE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CODE:
      lc_result_code_view_set_code (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_result_code_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_RESULT_CODE_VIEW);

  G_OBJECT_CLASS (lc_result_code_view_parent_class)->dispose (object);
}

static void
lc_result_code_view_finalize (GObject *object)
{
  LcResultCodeView *self = LC_RESULT_CODE_VIEW (object);

  g_free (self->code);

  G_OBJECT_CLASS (lc_result_code_view_parent_class)->finalize (object);
}

static void
lc_result_code_view_class_init (LcResultCodeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lc_result_code_view_get_property;
  object_class->set_property = lc_result_code_view_set_property;
  object_class->dispose = lc_result_code_view_dispose;
  object_class->finalize = lc_result_code_view_finalize;

  /**
   * LcResultCodeView:code:
   *
   * The code shown: the report's `result_code`, in any form a decoder reads; %NULL for none.
   */
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/lc-result-code-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LcResultCodeView, code_label);
  gtk_widget_class_bind_template_child (widget_class, LcResultCodeView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, LcResultCodeView, spelling_expander);
  gtk_widget_class_bind_template_child (widget_class, LcResultCodeView, spelling_label);

  gtk_widget_class_install_action (widget_class, "code.copy", NULL, copy_code);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lc_result_code_view_init (LcResultCodeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
