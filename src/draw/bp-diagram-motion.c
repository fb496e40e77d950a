/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-motion.c: the re-layout after a change of shape. A BpDiagramMotion keeps where
 * the nodes of the earlier shape were drawn and that shape's net; each frame of the
 * re-layout finds which of the new nodes were there before (a Relayout), moves them from
 * their old places towards their new ones, easing out, fades the new nodes and connections
 * in and the ones that went out. The drawing itself is that of a still frame with the
 * nodes' boxes moved: the cache's boxes are swapped for the moving ones for the frame and
 * put back after it. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

#include <math.h>
#include <string.h>

struct _BpDiagramMotion {
  BpNet *net;                           /* the earlier shape, with its weights */
  guint offsets[BP_MAX_LAYERS + 2];
  Box *nodes;                           /* where its nodes were drawn */
  guint n_targets;
  Box *targets;
  Box loss;
};

struct _Relayout {
  const BpDiagramMotion *motion;
  double e;                             /* the eased progress, 0 … 1 */
  int columns[BP_MAX_LAYERS + 1];       /* a new column's old one, or -1 */
  int old_columns[BP_MAX_LAYERS + 1];   /* an old column's new one, or -1 */
  int *from;                            /* a new node's old node (cache index), or -1 */
  int *to;                              /* an old node's new node, or -1 */
  guint n_nodes;
  Box *final_nodes;                     /* the cache's own boxes, put back at the end */
  Box *final_targets;
  Box final_loss;
};

/**
 * bp_diagram_motion_ease:
 * @progress: 0 … 1, linear in time
 *
 * Returns: how far a re-layout has come at @progress: cubic, easing out
 */
double
bp_diagram_motion_ease (double progress)
{
  double u = 1.0 - CLAMP (progress, 0.0, 1.0);

  return 1.0 - u * u * u;
}

static gboolean
same_matrix (const BpNet *a,
             guint        la,
             const BpNet *b,
             guint        lb)
{
  gsize n = (gsize) a->sizes[la] * a->sizes[la + 1];

  return a->sizes[la] == b->sizes[lb] && a->sizes[la + 1] == b->sizes[lb + 1]
         && memcmp (a->weights[la], b->weights[lb], n * sizeof (double)) == 0;
}

/* How well @cols (new column → old) fits: columns of equal size first, then weight
 * matrices kept as they were (an edit keeps untouched weights). */
static guint
columns_score (const BpNet *a,
               const BpNet *b,
               const int   *cols)
{
  guint score = 0;

  for (guint c = 0; c <= b->n_layers; c++)
    if (cols[c] >= 0 && a->sizes[cols[c]] == b->sizes[c])
      score += 1000;
  for (guint l = 0; l < b->n_layers; l++)
    if (cols[l] >= 0 && cols[l + 1] == cols[l] + 1 && same_matrix (a, cols[l], b, l))
      score++;
  return score;
}

/* Which of @b's columns were @a's: the same ones for the same number of layers; a hidden
 * layer added or removed where the sizes and kept weights say; else the inputs, the
 * output and the hidden layers in order. */
static void
match_columns (const BpNet *a,
               const BpNet *b,
               int         *cols)
{
  guint la = a->n_layers, lb = b->n_layers, best = 0;
  int candidate[BP_MAX_LAYERS + 1];

  for (guint c = 0; c <= lb; c++)
    cols[c] = -1;
  cols[0] = 0;
  cols[lb] = (int) la;
  if (la == lb)
    {
      for (guint c = 0; c <= lb; c++)
        cols[c] = (int) c;
      return;
    }
  if (lb != la + 1 && la != lb + 1)
    {
      for (guint c = 1; c < lb; c++)
        cols[c] = c < la ? (int) c : -1;
      return;
    }
  /* Layer p is the one added (a column of b) or removed (a column of a). */
  for (guint p = 1; p < MAX (la, lb); p++)
    {
      guint score;

      for (guint c = 0; c <= lb; c++)
        if (lb > la)
          candidate[c] = c < p ? (int) c : c == p ? -1 : (int) c - 1;
        else
          candidate[c] = c < p ? (int) c : (int) c + 1;
      score = columns_score (a, b, candidate);
      /* Ties go to the layer nearest the output, where the diagram's + adds one. */
      if (score >= best)
        {
          best = score;
          memcpy (cols, candidate, sizeof candidate[0] * (lb + 1));
        }
    }
}

/* Whether neuron @io of @a's column @o is neuron @ib of @b's column @c: its incoming or
 * outgoing weights are the same. */
static gboolean
same_neuron (const BpNet *a,
             guint        o,
             guint        io,
             const BpNet *b,
             guint        c,
             guint        ib,
             const int   *cols)
{
  if (c > 0 && o > 0 && cols[c - 1] == (int) o - 1 && a->sizes[o - 1] == b->sizes[c - 1])
    {
      for (guint i = 0; i < b->sizes[c - 1]; i++)
        if (*bp_net_weight (a, o - 1, io, i) != *bp_net_weight (b, c - 1, ib, i))
          return FALSE;
      return TRUE;
    }
  if (c < b->n_layers && o < a->n_layers && cols[c + 1] == (int) o + 1
      && a->sizes[o + 1] == b->sizes[c + 1])
    {
      for (guint j = 0; j < b->sizes[c + 1]; j++)
        if (*bp_net_weight (a, o, j, io) != *bp_net_weight (b, c, j, ib))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* The neurons of new column @c that were in old column @o: for the same size, each at its
 * index; else (a neuron or an input feature added or removed) those whose weights were
 * kept, or at their index when no weights tell. */
static void
match_neurons (Relayout       *r,
               const BpNet    *a,
               const BpNet    *b,
               const guint    *new_offsets,
               guint           c,
               guint           o)
{
  const guint *old_offsets = r->motion->offsets;
  guint found = 0;

  if (a->sizes[o] != b->sizes[c])
    for (guint i = 0; i < b->sizes[c]; i++)
      for (guint io = 0; io < a->sizes[o]; io++)
        if (r->to[old_offsets[o] + io] < 0 && same_neuron (a, o, io, b, c, i, r->columns))
          {
            r->from[new_offsets[c] + i] = (int) (old_offsets[o] + io);
            r->to[old_offsets[o] + io] = (int) (new_offsets[c] + i);
            found++;
            break;
          }
  if (found > 0)
    return;
  for (guint i = 0; i < MIN (a->sizes[o], b->sizes[c]); i++)
    {
      r->from[new_offsets[c] + i] = (int) (old_offsets[o] + i);
      r->to[old_offsets[o] + i] = (int) (new_offsets[c] + i);
    }
}

static void
lerp_box (Box       *shown,
          const Box *old,
          const Box *final,
          double     e)
{
  shown->x = old->x + (final->x - old->x) * e;
  shown->y = old->y + (final->y - old->y) * e;
  shown->hw = old->hw + (final->hw - old->hw) * e;
  shown->hh = old->hh + (final->hh - old->hh) * e;
}

/* Starts a group that will be painted faded, clipped to box @b (and a little around it):
 * a group as large as the clip would cost a surface of the whole frame in every frame. */
static void
begin_group (cairo_t   *cr,
             const Box *b)
{
  double x0 = floor (b->x - b->hw - 2.0), y0 = floor (b->y - b->hh - 2.0);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x0, y0, ceil (b->x + b->hw + 2.0) - x0, ceil (b->y + b->hh + 2.0) - y0);
  cairo_clip (cr);
  cairo_push_group (cr);
}

static void
end_group (cairo_t *cr,
           double   alpha)
{
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, alpha);
  cairo_restore (cr);
}

/* Moves the cache's boxes to where they are at this moment of the re-layout. */
static void
move_boxes (Relayout       *r,
            BpDiagramCache *cache,
            guint           n_outputs)
{
  const BpDiagramMotion *m = r->motion;

  for (guint k = 0; k < r->n_nodes; k++)
    if (r->from[k] >= 0)
      lerp_box (&cache->nodes[k], &m->nodes[r->from[k]], &r->final_nodes[k], r->e);
  if (m->n_targets == n_outputs)
    for (guint k = 0; k < n_outputs; k++)
      lerp_box (&cache->targets[k], &m->targets[k], &r->final_targets[k], r->e);
  lerp_box (&cache->loss, &m->loss, &r->final_loss, r->e);
}

/* Starts a frame of the re-layout @frame describes, in @cache laid out for @frame at
 * @width × @height: the cache's boxes move to where they are at this moment. NULL, and
 * nothing moves, when there is no re-layout (none, or finished). */
Relayout *
bp_diagram_relayout_begin (const BpDiagramFrame *frame,
                           BpDiagramCache       *cache,
                           int                   width,
                           int                   height)
{
  const BpDiagramMotion *m = frame->motion;
  const BpNet *b = frame->after;
  guint n_outputs;
  Relayout *r;

  /* A re-layout that changed the widget's size (a taller column) still moves from where
   * the nodes were: the places are in the widget's coordinates either way. */
  (void) width;
  (void) height;
  if (m == NULL || frame->motion_progress >= 1.0 || b == NULL)
    return NULL;
  n_outputs = b->sizes[b->n_layers];
  r = g_new0 (Relayout, 1);
  r->motion = m;
  r->e = bp_diagram_motion_ease (frame->motion_progress);
  r->n_nodes = cache->offsets[b->n_layers] + n_outputs;
  r->from = g_new (int, r->n_nodes);
  r->to = g_new (int, m->offsets[m->net->n_layers] + m->net->sizes[m->net->n_layers]);
  memset (r->from, 0xff, sizeof (int) * r->n_nodes);
  memset (r->to, 0xff, sizeof (int) * (m->offsets[m->net->n_layers]
                                       + m->net->sizes[m->net->n_layers]));
  match_columns (m->net, b, r->columns);
  memset (r->old_columns, 0xff, sizeof r->old_columns);
  for (guint c = 0; c <= b->n_layers; c++)
    if (r->columns[c] >= 0)
      {
        r->old_columns[r->columns[c]] = (int) c;
        match_neurons (r, m->net, b, cache->offsets, c, (guint) r->columns[c]);
      }
  r->final_nodes = g_memdup2 (cache->nodes, sizeof (Box) * r->n_nodes);
  r->final_targets = g_memdup2 (cache->targets, sizeof (Box) * n_outputs);
  r->final_loss = cache->loss;
  move_boxes (r, cache, n_outputs);
  return r;
}

/* Ends the frame: the cache's boxes are its layout's again. */
void
bp_diagram_relayout_end (Relayout       *r,
                         BpDiagramCache *cache)
{
  if (r == NULL)
    return;
  memcpy (cache->nodes, r->final_nodes, sizeof (Box) * r->n_nodes);
  memcpy (cache->targets, r->final_targets,
          sizeof (Box) * (r->n_nodes - cache->offsets[cache->n_layers]));
  cache->loss = r->final_loss;
  g_free (r->from);
  g_free (r->to);
  g_free (r->final_nodes);
  g_free (r->final_targets);
  g_free (r);
}

/* Where the layout puts node @k (a cache index): its box when the re-layout is over. */
const Box *
bp_diagram_relayout_layout_box (const Relayout *r,
                                guint           k)
{
  return &r->final_nodes[k];
}

/* Whether new connection (@l, @j, @i) is new: not between two nodes that were connected. */
static gboolean
born_connection (const Scene *scene,
                 guint        l,
                 guint        j,
                 guint        i)
{
  const Relayout *r = scene->relayout;

  return r->columns[l] < 0 || r->columns[l + 1] != r->columns[l] + 1
         || r->from[scene->cache->offsets[l] + i] < 0
         || r->from[scene->cache->offsets[l + 1] + j] < 0;
}

/* Where old node @k is at this moment: with its new node, or where it was. */
static const Box *
old_node_shown (const Scene *scene,
                guint        k)
{
  const Relayout *r = scene->relayout;

  return r->to[k] >= 0 ? &scene->cache->nodes[r->to[k]] : &r->motion->nodes[k];
}

/* Whether old connection (@l, @j, @i) went: it is not between two nodes still connected. */
static gboolean
gone_connection (const Relayout *r,
                 guint           l,
                 guint           j,
                 guint           i)
{
  const guint *offsets = r->motion->offsets;

  return r->to[offsets[l] + i] < 0 || r->to[offsets[l + 1] + j] < 0 || r->old_columns[l] < 0
         || r->old_columns[l + 1] != r->old_columns[l] + 1;
}

/* What went: the connections and nodes of the earlier shape that the new one has not,
 * fading out, plain grey. They are drawn faded one by one, not through a group: a group
 * costs a surface of what it covers in every frame, and these may span the frame. */
void
bp_diagram_relayout_draw_gone (cairo_t     *cr,
                               const Scene *scene)
{
  const Relayout *r = scene->relayout;
  const BpDiagramMotion *m = r->motion;
  const BpNet *a = m->net;
  double alpha = 1.0 - r->e;

  if (alpha <= 0.0)
    return;
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, scene->wmin);
  set_source_mix (cr, &scene->palette->grid, alpha);
  for (guint l = 0; l < a->n_layers; l++)
    for (guint j = 0; j < a->sizes[l + 1]; j++)
      for (guint i = 0; i < a->sizes[l]; i++)
        if (gone_connection (r, l, j, i))
          bp_diagram_stroke_part (cr, old_node_shown (scene, m->offsets[l] + i),
                                  old_node_shown (scene, m->offsets[l + 1] + j), 0.0, 1.0);
  for (guint k = 0; k < m->offsets[a->n_layers] + a->sizes[a->n_layers]; k++)
    if (r->to[k] < 0)
      {
        const Box *b = &m->nodes[k];
        double ring = MAX (2.0, b->hh * 0.16);

        set_source_mix (cr, &scene->palette->background, alpha);
        box_path (cr, b, -ring / 2.0, b->hh - ring / 2.0);
        cairo_fill_preserve (cr);
        cairo_set_line_width (cr, ring);
        set_source_mix (cr, &scene->palette->grid, alpha);
        cairo_stroke (cr);
      }
}

/* The connections during a re-layout, as vectors: the kept ones, then the new ones
 * fading in (their colours take the scene's alpha). */
void
bp_diagram_relayout_draw_connections (cairo_t     *cr,
                                      const Scene *scene)
{
  const BpNet *net = scene->net;
  Scene faded = *scene;

  faded.alpha = scene->relayout->e;
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i < net->sizes[l]; i++)
        bp_diagram_draw_connection (cr, born_connection (scene, l, j, i) ? &faded : scene,
                                    l, j, i);
}

/* The nodes during a re-layout: the kept ones, then each new one fading in, as a group
 * the size of the node. */
void
bp_diagram_relayout_draw_nodes (cairo_t     *cr,
                                const Scene *scene)
{
  const Relayout *r = scene->relayout;
  const BpNet *net = scene->net;
  const guint *offsets = scene->cache->offsets;

  for (guint pass = 0; pass < 2; pass++)
    for (guint c = 0; c <= net->n_layers; c++)
      for (guint i = 0; i < net->sizes[c]; i++)
        {
          gboolean born = r->from[offsets[c] + i] < 0;

          if (born != (pass == 1))
            continue;
          if (!born)
            {
              bp_diagram_draw_node (cr, scene, c, i);
              continue;
            }
          begin_group (cr, node_box (scene->cache, c, i));
          bp_diagram_draw_node (cr, scene, c, i);
          end_group (cr, r->e);
        }
  bp_diagram_draw_input_handles (cr, scene);
}

/**
 * bp_diagram_motion_new:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame as it is drawn now, before a change of shape (its own re-layout, if
 *   one is under way, included)
 *
 * Keeps where @frame's nodes, targets and loss are drawn, and a copy of its net, for the
 * re-layout to the next shape: give it to the frames of the new shape as `motion`, with
 * `motion_progress` going from 0 to 1 over %BP_DIAGRAM_MOTION_SECONDS.
 *
 * Returns: (transfer full): the motion
 */
BpDiagramMotion *
bp_diagram_motion_new (int                   width,
                       int                   height,
                       const BpDiagramFrame *frame)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramMotion *m;
  BpDiagramCache *cache;
  const BpNet *net;
  Relayout *r;
  guint n;

  g_return_val_if_fail (frame != NULL && frame->after != NULL, NULL);

  net = frame->after;
  cache = bp_diagram_cache_for (&temporary, width, height, frame);
  r = bp_diagram_relayout_begin (frame, cache, width, height);
  m = g_new0 (BpDiagramMotion, 1);
  m->net = bp_net_copy (net);
  memcpy (m->offsets, cache->offsets, sizeof m->offsets);
  n = cache->offsets[net->n_layers] + net->sizes[net->n_layers];
  m->nodes = g_memdup2 (cache->nodes, sizeof (Box) * n);
  m->n_targets = net->sizes[net->n_layers];
  m->targets = g_memdup2 (cache->targets, sizeof (Box) * m->n_targets);
  m->loss = cache->loss;
  bp_diagram_relayout_end (r, cache);
  return m;
}

void
bp_diagram_motion_free (BpDiagramMotion *motion)
{
  if (motion == NULL)
    return;
  bp_net_free (motion->net);
  g_free (motion->nodes);
  g_free (motion->targets);
  g_free (motion);
}
