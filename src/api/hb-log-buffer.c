/* hb-log-buffer.c: the last lines of a live log (a bounded GListModel of HbLogLine), and
 * where a reconnected session's lines join the ones shown
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-log-buffer.h"

/* A ring of the last max-lines lines: appending at capacity drops as many from the front,
 * one items-changed for the lines that go and one for those that come.
 *
 * Resuming: a reconnected session starts with the log's tail again, which overlaps the lines
 * shown. A log is written in time order, so the tail's lines older than the last shown one
 * were shown (or dropped) already; those of the same time are compared by text; the first
 * newer line ends the overlap, and so does the end of the tail (the session's limit). */

struct _HbLogBuffer
{
  GObject parent_instance;

  HbLogLine **ring; /* allocated on the first append */
  guint max_lines;
  guint start;
  guint length;
  guint64 n_dropped;
  guint64 n_skipped;

  gboolean resuming;
  guint resume_left;        /* lines of the new session's tail still to come */
  gint64 resume_time;       /* of the last shown line that has one */
  GHashTable *resume_texts; /* the lines shown at that time, and the untimed ones after */
};

static void hb_log_buffer_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbLogBuffer,
                               hb_log_buffer,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hb_log_buffer_list_model_init))

enum
{
  PROP_0,
  PROP_MAX_LINES,
  PROP_N_ITEMS,
  PROP_N_DROPPED,
  PROP_N_SKIPPED,
  PROP_RESUMING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static HbLogLine **
slot (HbLogBuffer *self, guint position)
{
  return &self->ring[(self->start + position) % self->max_lines];
}

static GType
hb_log_buffer_get_item_type (GListModel *model)
{
  return HB_TYPE_LOG_LINE;
}

static guint
hb_log_buffer_get_n_items (GListModel *model)
{
  return HB_LOG_BUFFER (model)->length;
}

static gpointer
hb_log_buffer_get_item (GListModel *model, guint position)
{
  HbLogBuffer *self = HB_LOG_BUFFER (model);

  if (position >= self->length)
    return NULL;
  return g_object_ref (*slot (self, position));
}

static void
hb_log_buffer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hb_log_buffer_get_item_type;
  iface->get_n_items = hb_log_buffer_get_n_items;
  iface->get_item = hb_log_buffer_get_item;
}

static void
end_resume (HbLogBuffer *self)
{
  if (!self->resuming)
    return;
  self->resuming = FALSE;
  g_clear_pointer (&self->resume_texts, g_hash_table_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESUMING]);
}

/* Removes the first @n lines, without telling anyone. */
static void
drop_front (HbLogBuffer *self, guint n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (slot (self, i));
  if (self->length > 0)
    self->start = (self->start + n) % self->max_lines;
  self->length -= n;
}

static void
hb_log_buffer_finalize (GObject *object)
{
  HbLogBuffer *self = HB_LOG_BUFFER (object);

  if (self->ring != NULL)
    drop_front (self, self->length);
  g_free (self->ring);
  g_clear_pointer (&self->resume_texts, g_hash_table_unref);
  G_OBJECT_CLASS (hb_log_buffer_parent_class)->finalize (object);
}

static void
hb_log_buffer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLogBuffer *self = HB_LOG_BUFFER (object);

  switch (prop_id)
    {
    case PROP_MAX_LINES:
      g_value_set_uint (value, self->max_lines);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->length);
      break;
    case PROP_N_DROPPED:
      g_value_set_uint64 (value, self->n_dropped);
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint64 (value, self->n_skipped);
      break;
    case PROP_RESUMING:
      g_value_set_boolean (value, self->resuming);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_buffer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbLogBuffer *self = HB_LOG_BUFFER (object);

  switch (prop_id)
    {
    case PROP_MAX_LINES:
      self->max_lines = MAX (1, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_buffer_class_init (HbLogBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_log_buffer_finalize;
  object_class->get_property = hb_log_buffer_get_property;
  object_class->set_property = hb_log_buffer_set_property;

  properties[PROP_MAX_LINES] =
      g_param_spec_uint ("max-lines", NULL, NULL, 1, G_MAXUINT, HB_LOG_BUFFER_DEFAULT_MAX_LINES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* Lines that went from the front to keep max-lines, since the last clear. */
  properties[PROP_N_DROPPED] = g_param_spec_uint64 ("n-dropped", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  /* Lines of a resumed session left out because they were shown already. */
  properties[PROP_N_SKIPPED] = g_param_spec_uint64 ("n-skipped", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_RESUMING] = g_param_spec_boolean ("resuming", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_log_buffer_init (HbLogBuffer *self)
{
  self->max_lines = HB_LOG_BUFFER_DEFAULT_MAX_LINES;
}

/**
 * hb_log_buffer_new:
 * @max_lines: how many lines to keep (at least one)
 *
 * Returns: (transfer full): an empty buffer
 */
HbLogBuffer *
hb_log_buffer_new (guint max_lines)
{
  return g_object_new (HB_TYPE_LOG_BUFFER, "max-lines", MAX (1, max_lines), NULL);
}

guint
hb_log_buffer_get_max_lines (HbLogBuffer *self)
{
  g_return_val_if_fail (HB_IS_LOG_BUFFER (self), 0);
  return self->max_lines;
}

guint64
hb_log_buffer_get_n_dropped (HbLogBuffer *self)
{
  g_return_val_if_fail (HB_IS_LOG_BUFFER (self), 0);
  return self->n_dropped;
}

guint64
hb_log_buffer_get_n_skipped (HbLogBuffer *self)
{
  g_return_val_if_fail (HB_IS_LOG_BUFFER (self), 0);
  return self->n_skipped;
}

gboolean
hb_log_buffer_get_resuming (HbLogBuffer *self)
{
  g_return_val_if_fail (HB_IS_LOG_BUFFER (self), FALSE);
  return self->resuming;
}

/** hb_log_buffer_get_last: Returns: (transfer none) (nullable): the newest line kept */
HbLogLine *
hb_log_buffer_get_last (HbLogBuffer *self)
{
  g_return_val_if_fail (HB_IS_LOG_BUFFER (self), NULL);
  return self->length > 0 ? *slot (self, self->length - 1) : NULL;
}

/* Whether a resumed session's @line was shown already; ends the overlap when it is past it. */
static gboolean
resume_skips (HbLogBuffer *self, HbLogLine *line)
{
  gint64 time = hb_log_line_get_time (line);
  gboolean seen = FALSE;

  if (self->resume_left == 0)
    {
      end_resume (self);
      return FALSE;
    }
  self->resume_left--;
  if (time == HB_LOG_LINE_NO_TIME || time == self->resume_time)
    seen = g_hash_table_contains (self->resume_texts, hb_log_line_get_text (line));
  else if (time < self->resume_time)
    seen = TRUE;
  else
    end_resume (self);
  return seen;
}

/* Keeps the last max-lines of @lines after the lines kept; @lines are all new. */
static void
append_new (HbLogBuffer *self, HbLogLine **lines, guint n)
{
  guint skip = n > self->max_lines ? n - self->max_lines : 0;
  guint keep = n - skip;
  guint remove = self->length + keep > self->max_lines ? self->length + keep - self->max_lines : 0;
  guint old_length;

  if (self->ring == NULL)
    self->ring = g_new0 (HbLogLine *, self->max_lines);
  self->n_dropped += skip;
  if (remove > 0)
    {
      drop_front (self, remove);
      self->n_dropped += remove;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, remove, 0);
    }
  old_length = self->length;
  for (guint i = 0; i < keep; i++)
    *slot (self, self->length++) = g_object_ref (lines[skip + i]);
  g_list_model_items_changed (G_LIST_MODEL (self), old_length, 0, keep);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (skip + remove > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DROPPED]);
}

/**
 * hb_log_buffer_append:
 * @lines: (element-type HbLogLine): lines in the order they came
 *
 * Adds @lines after the ones kept, dropping the oldest beyond max-lines; while resuming,
 * leaves out those that were shown already.
 */
void
hb_log_buffer_append (HbLogBuffer *self, GPtrArray *lines)
{
  g_autoptr (GPtrArray) fresh = NULL;
  guint skipped = 0;

  g_return_if_fail (HB_IS_LOG_BUFFER (self));
  g_return_if_fail (lines != NULL);

  if (!self->resuming)
    {
      if (lines->len > 0)
        append_new (self, (HbLogLine **) lines->pdata, lines->len);
      return;
    }
  fresh = g_ptr_array_sized_new (lines->len);
  for (guint i = 0; i < lines->len; i++)
    {
      if (self->resuming && resume_skips (self, lines->pdata[i]))
        skipped++;
      else
        g_ptr_array_add (fresh, lines->pdata[i]);
    }
  if (self->resuming && self->resume_left == 0)
    end_resume (self);
  if (skipped > 0)
    {
      self->n_skipped += skipped;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SKIPPED]);
    }
  if (fresh->len > 0)
    append_new (self, (HbLogLine **) fresh->pdata, fresh->len);
}

/* Forgets every line and the counts. */
void
hb_log_buffer_clear (HbLogBuffer *self)
{
  guint old_length;

  g_return_if_fail (HB_IS_LOG_BUFFER (self));
  end_resume (self);
  old_length = self->length;
  if (old_length > 0)
    drop_front (self, old_length);
  self->start = 0;
  self->n_dropped = 0;
  self->n_skipped = 0;
  if (old_length > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_length, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DROPPED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SKIPPED]);
}

/**
 * hb_log_buffer_begin_resume:
 * @limit: how many lines of the log the next session sends first (its tail)
 *
 * The next lines come from a new session of the same log: those of its tail that were shown
 * already are left out. Nothing to leave out when no line with a time is kept.
 */
void
hb_log_buffer_begin_resume (HbLogBuffer *self, guint limit)
{
  gint64 time = HB_LOG_LINE_NO_TIME;
  guint last_timed = 0;

  g_return_if_fail (HB_IS_LOG_BUFFER (self));
  end_resume (self);
  for (guint i = self->length; i > 0 && time == HB_LOG_LINE_NO_TIME; i--)
    {
      time = hb_log_line_get_time (*slot (self, i - 1));
      last_timed = i - 1;
    }
  if (limit == 0 || time == HB_LOG_LINE_NO_TIME)
    return;

  self->resume_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = self->length; i > 0; i--)
    {
      HbLogLine *line = *slot (self, i - 1);
      gint64 line_time = hb_log_line_get_time (line);

      if (i - 1 < last_timed && line_time != time && line_time != HB_LOG_LINE_NO_TIME)
        break;
      g_hash_table_add (self->resume_texts, g_strdup (hb_log_line_get_text (line)));
    }
  self->resume_time = time;
  self->resume_left = limit;
  self->resuming = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESUMING]);
}

/** hb_log_buffer_dup_text: Returns: (transfer full): every line kept, each ending in "\n" */
char *
hb_log_buffer_dup_text (HbLogBuffer *self)
{
  GString *text;

  g_return_val_if_fail (HB_IS_LOG_BUFFER (self), NULL);
  text = g_string_new (NULL);
  for (guint i = 0; i < self->length; i++)
    {
      g_string_append (text, hb_log_line_get_text (*slot (self, i)));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
