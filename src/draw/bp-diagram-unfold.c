/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-unfold.c: a neuron of the diagram unfolded in place into its computation graph
 * (the numbers are bp-unfold.c's): a card anchored where the node is, over the rest of the
 * diagram, which does not move. Left to right: for each input the leaves a_i and w_i, their
 * product w_i·a_i, the sum Σ, the bias add z = Σ + b and the activation a = f(z), each node
 * with its value and its gradient ∂L/∂(node), each edge with its local derivative. The
 * edges from the weights are coloured as the diagram colours a connection: orange and solid
 * when ∂L/∂w < 0, teal and dashed when ∂L/∂w > 0.
 *
 * Up to 16 inputs get a row each; where the rows would make the text too small to read,
 * each row becomes one line, and then the last rows give way to one line that counts them
 * (the sum includes them all). */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"
#include "bp-format.h"
#include "bp-unfold.h"

#include <glib/gi18n.h>
#include <string.h>

#define MIN_SCALE 0.7        /* the card shrinks to this before rows give way */
#define PAD 0.6              /* padding, in units of the font size */

typedef struct {
  double x, y, w, h;
} Rect;

typedef struct {
  PangoLayout *layout;
  double x, y;               /* its top left corner, in card units */
  const BpColor *color;
} Text;

#define MAX_TEXTS BP_DIAGRAM_UNFOLD_TEXTS

/* A node of the graph: a rounded box around its two lines of text. */
typedef struct {
  Rect r;
} Node;

typedef struct {
  const Scene *scene;
  BpUnfold *u;
  double f;                  /* the font size, pixels */
  gboolean dense;            /* one line a row: for many inputs */
  Text texts[MAX_TEXTS];
  guint n_texts;
  Node nodes[BP_DIAGRAM_UNFOLD_ROWS * 3 + 8];
  guint n_nodes;
  double edges[BP_DIAGRAM_UNFOLD_ROWS * 3 + 8][5];   /* x0, y0, x1, y1, sign of ∂L/∂w */
  guint n_edges;
  double width, height;      /* the card's natural size */
} Card;

/* Adds @text at (@x, @y), its top left corner. */
static Text *
add_text_full (Card          *card,
               double         x,
               double         y,
               double         px,
               gboolean       bold,
               double         wrap,
               const BpColor *color,
               const char    *text)
{
  Text *t;

  g_assert (card->n_texts < MAX_TEXTS);
  t = &card->texts[card->n_texts];
  t->layout = bp_diagram_unfold_layout (card->scene->cache, card->n_texts, px, bold, wrap,
                                        text);
  card->n_texts++;
  t->x = x;
  t->y = y;
  t->color = color;
  return t;
}

static Text *
add_text (Card          *card,
          double         x,
          double         y,
          double         px,
          gboolean       bold,
          const BpColor *color,
          const char    *text)
{
  return add_text_full (card, x, y, px, bold, 0.0, color, text);
}

static double
text_width (const Text *t)
{
  int w, h;

  pango_layout_get_pixel_size (t->layout, &w, &h);
  return w;
}

static double
text_height (const Text *t)
{
  int w, h;

  pango_layout_get_pixel_size (t->layout, &w, &h);
  return h;
}

static void
num (double value,
     char   buffer[BP_NUMBER_SIZE])
{
  bp_format_number_into (value, BP_NUMBER_FORMULA, buffer, BP_NUMBER_SIZE);
}

/* A node's value (bold) and gradient at (@x, @y), one under the other or, @one_line,
 * side by side; the node's box is found from them. */
static Node *
add_node (Card       *card,
          double      x,
          double      y,
          const char *value,
          const char *gradient,
          gboolean    one_line)
{
  const BpPalette *p = card->scene->palette;
  double pad = (one_line ? 0.2 : 0.35) * card->f;
  double px = one_line ? 0.85 * card->f : card->f;
  Text *a = add_text (card, x + pad, y + pad, px, TRUE, &p->text, value);
  Text *b = add_text (card, x + pad, y + pad + text_height (a), 0.85 * card->f, FALSE,
                      &p->text, gradient);
  Node *n = &card->nodes[card->n_nodes++];

  if (one_line)
    {
      /* The gradient beside the value, on its baseline. */
      b->x = a->x + text_width (a) + 0.6 * card->f;
      b->y = a->y + (pango_layout_get_baseline (a->layout)
                     - pango_layout_get_baseline (b->layout)) / (double) PANGO_SCALE;
      n->r = (Rect) { x, y, b->x - x + text_width (b) + pad, text_height (a) + 2 * pad };
    }
  else
    n->r = (Rect) { x, y, MAX (text_width (a), text_width (b)) + 2 * pad,
                    text_height (a) + text_height (b) + 2 * pad };
  return n;
}

static void
add_edge (Card   *card,
          double  x0,
          double  y0,
          double  x1,
          double  y1,
          double  sign)
{
  double *e = card->edges[card->n_edges++];

  e[0] = x0, e[1] = y0, e[2] = x1, e[3] = y1, e[4] = sign;
}

/* Moves node @n and its two texts (the two added with it, from @first_text) to @x, @y. */
static void
place_node (Card   *card,
            Node   *n,
            guint   first_text,
            double  x,
            double  y)
{
  double dx = x - n->r.x, dy = y - n->r.y;

  n->r.x = x;
  n->r.y = y;
  for (guint k = first_text; k < first_text + 2; k++)
    card->texts[k].x += dx, card->texts[k].y += dy;
}

/* A node reading "@value_text = @value" and "∂L/∂@symbol = @gradient" (on one line if
 * @one_line); *first_text is the index of the first of its two texts. */
static Node *
add_value_node (Card       *card,
                const char *value_text,
                const char *symbol,
                double      value,
                double      gradient,
                gboolean    one_line,
                guint      *first_text)
{
  char v[BP_NUMBER_SIZE], g[BP_NUMBER_SIZE];
  g_autofree char *top = NULL;
  g_autofree char *bottom = NULL;

  num (value, v);
  num (gradient, g);
  top = g_strdup_printf ("%s = %s", value_text, v);
  bottom = g_strdup_printf ("∂L/∂%s = %s", symbol, g);
  *first_text = card->n_texts;
  return add_node (card, 0.0, 0.0, top, bottom, one_line);
}

/* Text wrapped at @wrap pixels (0 for none). */
static Text *
add_wrapped (Card          *card,
             double         x,
             double         y,
             double         px,
             double         wrap,
             const BpColor *color,
             const char    *text)
{
  return add_text_full (card, x, y, px, FALSE, wrap, color, text);
}

/* The leaves and products, one row per input: a_i, w_i and ∂L/∂w_i on the left, their
 * product beside them. Returns the bottom of the rows; *products_right is the products'
 * right edge. */
static double
build_rows (Card   *card,
            guint   rows,
            double  top,
            guint  *first_product,
            double *products_right)
{
  const BpPalette *p = card->scene->palette;
  const BpUnfold *u = card->u;
  const BpNet *net = card->scene->net;
  double f = card->f, x = PAD * f, y = top, leaf_w = 0.0, prod_x, prod_w = 0.0;
  char input[BP_NEURON_NAME_SIZE], sub[32], v[BP_NUMBER_SIZE];
  guint leaf[BP_DIAGRAM_UNFOLD_ROWS][2];   /* each row's first and last text */

  for (guint i = 0; i < rows; i++)
    {
      const BpUnfoldTerm *term = &u->terms[i];
      g_autofree char *a_text = NULL;
      g_autofree char *w_text = NULL;
      g_autofree char *g_text = NULL;
      Text *a, *w, *g;

      bp_format_net_neuron_into (net, u->layer - 1, term->from, input, sizeof input);
      bp_diagram_subscript (term->from + 1, sub, sizeof sub);
      num (term->input, v);
      a_text = g_strdup_printf ("a%s = %s = %s", sub, input, v);
      num (term->weight, v);
      w_text = g_strdup_printf ("w%s = %s", sub, v);
      num (term->grad_weight, v);
      g_text = g_strdup_printf ("∂L/∂w%s = %s", sub, v);
      leaf[i][0] = card->n_texts;
      a = add_text (card, x, y, 0.9 * f, FALSE, &p->text, a_text);
      w = add_text (card, x, y + text_height (a), 0.9 * f, FALSE, &p->text, w_text);
      g = add_text (card, x, w->y + text_height (w), 0.9 * f, TRUE,
                    term->grad_weight < 0.0 ? &p->rise : term->grad_weight > 0.0 ? &p->fall
                                                                                 : &p->text,
                    g_text);
      if (card->dense)
        {
          /* One line: a_i, w_i and ∂L/∂w_i side by side. */
          w->x = a->x + text_width (a) + 0.6 * f;
          g->x = w->x + text_width (w) + 0.6 * f;
          w->y = g->y = a->y;
        }
      leaf[i][1] = card->n_texts - 1;
      leaf_w = MAX (leaf_w, MAX (text_width (a), MAX (w->x - x + text_width (w),
                                                      g->x - x + text_width (g))));
      y = g->y + text_height (g) + (card->dense ? 0.45 : 0.4) * f;
    }
  if (card->dense)
    {
      /* a_i, w_i and ∂L/∂w_i in aligned columns. */
      double aw = 0.0, ww = 0.0, gw = 0.0;

      for (guint i = 0; i < rows; i++)
        {
          aw = MAX (aw, text_width (&card->texts[leaf[i][0]]));
          ww = MAX (ww, text_width (&card->texts[leaf[i][0] + 1]));
          gw = MAX (gw, text_width (&card->texts[leaf[i][1]]));
        }
      for (guint i = 0; i < rows; i++)
        {
          card->texts[leaf[i][0] + 1].x = x + aw + 0.6 * f;
          card->texts[leaf[i][1]].x = x + aw + ww + 1.2 * f;
        }
      leaf_w = aw + ww + gw + 1.2 * f;
    }
  if (rows < u->n_terms)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more input, in Σ too",
                                                         "… and %u more inputs, in Σ too",
                                                         u->n_terms - rows),
                                               u->n_terms - rows);
      Text *t = add_text (card, x, y, 0.8 * f, FALSE, &p->dim_text, more);

      y += text_height (t) + 0.4 * f;
    }

  prod_x = x + leaf_w + 1.6 * f;
  *first_product = card->n_nodes;
  for (guint i = 0; i < rows; i++)
    {
      const BpUnfoldTerm *term = &u->terms[i];
      const Text *a = &card->texts[leaf[i][0]];
      const Text *g = &card->texts[leaf[i][1]];
      const Text *w = &card->texts[leaf[i][0] + 1];
      g_autofree char *value = NULL;
      g_autofree char *symbol = NULL;
      double row_mid = (a->y + g->y + text_height (g)) / 2.0;
      double sign = term->grad_weight < 0.0 ? -1.0 : term->grad_weight > 0.0 ? 1.0 : 0.0;
      guint t0;
      Node *n;

      bp_diagram_subscript (term->from + 1, sub, sizeof sub);
      value = g_strdup_printf ("w%s·a%s", sub, sub);
      symbol = g_strdup_printf ("(w%s·a%s)", sub, sub);
      n = add_value_node (card, value, symbol, term->product, term->grad_product, card->dense,
                          &t0);
      place_node (card, n, t0, prod_x, row_mid - n->r.h / 2.0);
      prod_w = MAX (prod_w, n->r.w);
      add_edge (card, x + leaf_w + 0.2 * f, card->dense ? row_mid - 0.15 * f
                                                      : a->y + text_height (a) / 2.0,
                prod_x, row_mid - 0.2 * n->r.h, 0.0);
      add_edge (card, x + leaf_w + 0.2 * f, card->dense ? row_mid + 0.15 * f
                                                      : w->y + text_height (w) / 2.0,
                prod_x, row_mid + 0.2 * n->r.h, sign);
    }
  for (guint i = 0; i < rows; i++)
    card->nodes[*first_product + i].r.w = prod_w;
  *products_right = prod_x + prod_w;
  return y;
}

/* The card's content at natural size, with @rows input rows (fewer than n_terms: the rest
 * are counted on one line). Left: the rows of leaves and products, and b below them; right,
 * top to bottom: Σ, z = Σ + b and a = f(z), with the local derivative on each edge. */
static void
card_build (Card  *card,
            guint  rows)
{
  const BpPalette *p = card->scene->palette;
  const BpUnfold *u = card->u;
  const BpNet *net = card->scene->net;
  double f = card->f, gap = 2.4 * f, bottom, products_right, col_x, y, wrap, head;
  char name[BP_NEURON_NAME_SIZE], v[BP_NUMBER_SIZE];
  g_autofree char *title = NULL;
  g_autofree char *formula = NULL;
  g_autofree char *fz = NULL;
  g_autofree char *a_value = NULL;
  guint first_product, graph_texts, graph_nodes, ts, tz, ta, tb;
  Node *sum, *zn, *an, *bias;
  Text *t;

  /* The graph first, from y = 0; the heading goes above it once its width is known. */
  bottom = build_rows (card, rows, 0.0, &first_product, &products_right);
  col_x = products_right + gap;
  sum = add_value_node (card, "Σ", "Σ", u->sum, u->grad_sum, FALSE, &ts);
  place_node (card, sum, ts, col_x, 0.0);
  zn = add_value_node (card, "z = Σ + b", "z", u->z, u->grad_z, FALSE, &tz);
  place_node (card, zn, tz, col_x, sum->r.y + sum->r.h + 1.8 * f);
  a_value = g_strdup_printf ("a = %s", bp_diagram_activation_formula (u->activation));
  an = add_value_node (card, a_value, "a", u->a, u->grad_a, FALSE, &ta);
  place_node (card, an, ta, col_x, zn->r.y + zn->r.h + 1.8 * f);
  for (guint i = 0; i < rows; i++)
    {
      const Rect *r = &card->nodes[first_product + i].r;

      add_edge (card, r->x + r->w, r->y + r->h / 2.0, col_x, sum->r.y + sum->r.h / 2.0, 0.0);
    }
  /* b sits below the products, level with z when there is room. */
  bias = add_value_node (card, "b", "b", u->bias, u->grad_bias, FALSE, &tb);
  place_node (card, bias, tb, products_right - bias->r.w,
              MAX (bottom, zn->r.y + zn->r.h / 2.0 - bias->r.h / 2.0));
  add_edge (card, bias->r.x + bias->r.w, bias->r.y + bias->r.h / 2.0, col_x,
            zn->r.y + zn->r.h / 2.0, 0.0);
  /* Its edge's label below it, clear of the edges and of the right column. */
  t = add_text (card, bias->r.x, bias->r.y + bias->r.h + 0.1 * f, 0.8 * f, FALSE,
                &p->dim_text, "∂z/∂b = 1");
  t->x = bias->r.x + bias->r.w - text_width (t);
  bottom = MAX (bottom, t->y + text_height (t));
  /* The vertical edges, with their local derivatives to their right. */
  add_edge (card, col_x + 1.5 * f, sum->r.y + sum->r.h, col_x + 1.5 * f, zn->r.y, 0.0);
  t = add_text (card, col_x + 2.0 * f, sum->r.y + sum->r.h + 0.2 * f, 0.8 * f, FALSE,
                &p->dim_text, "∂z/∂Σ = 1");
  add_edge (card, col_x + 1.5 * f, zn->r.y + zn->r.h, col_x + 1.5 * f, an->r.y, 0.0);
  num (u->derivative, v);
  fz = g_strdup_printf ("∂a/∂z = f′(z) = %s", v);
  t = add_text (card, col_x + 2.0 * f, zn->r.y + zn->r.h + 0.2 * f, 0.8 * f, FALSE,
                &p->dim_text, fz);
  t = add_text (card, col_x, an->r.y + an->r.h + 0.2 * f, 0.8 * f, FALSE, &p->dim_text,
                u->output
                /* Translators: under the last node of a neuron unfolded, an output */
                ? _("→ the loss L")
                /* Translators: under the last node of a hidden neuron unfolded */
                : _("→ the next layer"));
  bottom = MAX (bottom, MAX (bias->r.y + bias->r.h, t->y + text_height (t)));
  graph_texts = card->n_texts;
  graph_nodes = card->n_nodes;

  card->width = 0.0;
  for (guint k = 0; k < card->n_texts; k++)
    card->width = MAX (card->width, card->texts[k].x + text_width (&card->texts[k]));
  for (guint k = 0; k < card->n_nodes; k++)
    card->width = MAX (card->width, card->nodes[k].r.x + card->nodes[k].r.w);
  wrap = MAX (card->width - PAD * f, 18.0 * f);
  card->width = wrap + 2 * PAD * f;

  /* The heading, wrapped to the graph's width. */
  bp_format_net_neuron_into (net, u->layer, u->index, name, sizeof name);
  /* Translators: the title of a neuron unfolded into its computation graph in the
   * diagram; %s is the neuron's name, such as “h2” */
  title = g_strdup_printf (_("%s, unfolded"), name);
  t = add_text (card, PAD * f, PAD * f, 1.1 * f, TRUE, &p->text, title);
  y = t->y + text_height (t);
  formula = g_strdup_printf ("z = Σᵢ wᵢ·aᵢ + b,   a = %s",
                             bp_diagram_activation_formula (u->activation));
  t = add_wrapped (card, PAD * f, y, 0.85 * f, wrap, &p->text, formula);
  y += text_height (t);
  if (u->shows_batch)
    {
      t = add_wrapped (card, PAD * f, y, 0.8 * f, wrap, &p->dim_text,
                       /* Translators: under the title of a neuron unfolded in dataset mode */
                       _("The first example of the next batch, as the Math panel shows it; "
                         "the step applies the batch’s mean gradient."));
      y += text_height (t);
    }
  if (!isfinite (u->grad_a))
    {
      t = add_wrapped (card, PAD * f, y, 0.8 * f, wrap, &p->dim_text,
                       /* Translators: in a neuron unfolded, when ∂L/∂a overflowed */
                       _("∂L/∂a is too large to show: the sigmoid saturated. ∂L/∂z = y − t "
                         "is exact."));
      y += text_height (t);
    }
  t = add_wrapped (card, PAD * f, y + 0.2 * f, 0.8 * f, wrap, &p->dim_text,
                   "∂(w·a)/∂a = w,  ∂(w·a)/∂w = a,  ∂Σ/∂(w·a) = 1");
  head = t->y + text_height (t) + 0.7 * f;

  /* The graph moves down below the heading. */
  for (guint k = 0; k < graph_texts; k++)
    card->texts[k].y += head;
  for (guint k = 0; k < graph_nodes; k++)
    card->nodes[k].r.y += head;
  for (guint k = 0; k < card->n_edges; k++)
    card->edges[k][1] += head, card->edges[k][3] += head;
  y = head + bottom + 0.6 * f;
  t = add_wrapped (card, PAD * f, y, 0.8 * f, wrap, &p->dim_text,
                   /* Translators: the legend of a neuron unfolded in the diagram */
                   _("Each node: its value, then the gradient of the loss with respect to "
                     "it. Each edge: its local derivative. Return or Escape folds it back."));
  card->height = t->y + text_height (t) + PAD * f;
}

static void
card_clear (Card *card)
{
  for (guint k = 0; k < card->n_texts; k++)
    g_clear_object (&card->texts[k].layout);
  card->n_texts = card->n_nodes = card->n_edges = 0;
  bp_unfold_free (card->u);
  card->u = NULL;
}

/* The frame's card, built at the size that fits @width × @height: where it goes and at
 * which scale. FALSE when nothing is unfolded. */
static gboolean
card_fit (Card                 *card,
          const Scene          *scene,
          int                   width,
          int                   height,
          Rect                 *place,
          double               *scale)
{
  const BpSelection *sel = &scene->frame->unfold;
  double margin = 8.0;
  guint rows;
  const Box *b;

  memset (card, 0, sizeof *card);
  if (sel->kind != BP_SELECTION_NODE || !bp_unfold_can (scene->net, sel->layer, sel->to))
    return FALSE;
  card->scene = scene;
  card->u = bp_unfold_new (scene->net, sel->layer, sel->to);
  /* The diagram's text, but never smaller than at its zoom when nodes crowd. */
  card->f = MAX (MIN_FONT_PX, MAX (scene->cache->font_px, BASE_FONT_PX * scene->cache->asked_zoom
                                                          * scene->cache->text_scale));
  rows = MIN (card->u->n_terms, BP_DIAGRAM_UNFOLD_ROWS);
  /* Beyond eight inputs rows of three lines never fit: one line a row at once. */
  card->dense = rows > 8;
  for (;;)
    {
      card_build (card, rows);
      *scale = MIN (1.0, MIN ((width - 2 * margin) / card->width,
                              (height - 2 * margin) / card->height));
      if (*scale >= MIN_SCALE || (card->dense && rows <= 2))
        break;
      card_clear (card);
      card->u = bp_unfold_new (scene->net, sel->layer, sel->to);
      /* First one line a row, then fewer rows. */
      if (!card->dense)
        card->dense = TRUE;
      else
        rows--;
    }
  b = node_box (scene->cache, sel->layer, sel->to);
  place->w = card->width * *scale;
  place->h = card->height * *scale;
  place->x = CLAMP (b->x - place->w / 2.0, margin, MAX (margin, width - margin - place->w));
  place->y = CLAMP (b->y - place->h / 2.0, margin, MAX (margin, height - margin - place->h));
  return TRUE;
}

static void
paint_edge (cairo_t     *cr,
            const Card  *card,
            const double e[5])
{
  const BpPalette *p = card->scene->palette;
  double dash[] = { 0.5 * card->f, 0.3 * card->f };
  double dx = e[2] - e[0];

  cairo_set_line_width (cr, e[4] != 0.0 ? 2.0 : 1.2);
  cairo_set_dash (cr, e[4] > 0.0 ? dash : NULL, e[4] > 0.0 ? 2 : 0, 0);
  bp_color_set_source (cr, e[4] < 0.0 ? &p->rise : e[4] > 0.0 ? &p->fall : &p->dim_text);
  cairo_move_to (cr, e[0], e[1]);
  cairo_curve_to (cr, e[0] + dx / 2.0, e[1], e[2] - dx / 2.0, e[3], e[2], e[3]);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
card_paint (cairo_t    *cr,
            const Card *card)
{
  const BpPalette *p = card->scene->palette;

  bp_color_set_source (cr, &p->background);
  rounded_rect (cr, 0, 0, card->width, card->height, 0.8 * card->f);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &p->selection);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  for (guint k = 0; k < card->n_edges; k++)
    paint_edge (cr, card, card->edges[k]);
  for (guint k = 0; k < card->n_nodes; k++)
    {
      const Rect *r = &card->nodes[k].r;

      bp_color_set_source (cr, &p->background);
      rounded_rect (cr, r->x, r->y, r->w, r->h, 0.4 * card->f);
      cairo_fill_preserve (cr);
      bp_color_set_source (cr, &p->node_outline);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  for (guint k = 0; k < card->n_texts; k++)
    {
      bp_color_set_source (cr, card->texts[k].color);
      cairo_move_to (cr, card->texts[k].x, card->texts[k].y);
      pango_cairo_show_layout (cr, card->texts[k].layout);
    }
}

/**
 * bp_diagram_draw_unfold:
 * @cr: where the diagram is drawn
 * @scene: the frame's scene
 * @width: the diagram's width
 * @height: its height
 *
 * Draws the unfolded neuron of @scene's frame, if any: its card grows out of the node as
 * unfold_progress goes from 0 to 1.
 */
void
bp_diagram_draw_unfold (cairo_t     *cr,
                        const Scene *scene,
                        int          width,
                        int          height)
{
  const BpSelection *sel = &scene->frame->unfold;
  double t = bp_diagram_motion_ease (scene->frame->unfold_progress);
  double scale, k;
  Rect place;
  Card card;
  const Box *b;

  if (t <= 0.0 || !card_fit (&card, scene, width, height, &place, &scale))
    return;
  b = node_box (scene->cache, sel->layer, sel->to);
  /* From the node's box to the card's place. */
  k = (2 * b->hw + (place.w - 2 * b->hw) * t) / place.w;
  cairo_save (cr);
  cairo_translate (cr, b->x - b->hw + (place.x - (b->x - b->hw)) * t,
                   b->y - b->hh + (place.y - (b->y - b->hh)) * t);
  cairo_scale (cr, scale * k, scale * k);
  if (t < 1.0)
    cairo_push_group (cr);
  card_paint (cr, &card);
  if (t < 1.0)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, t);
    }
  cairo_restore (cr);
  card_clear (&card);
}

/**
 * bp_diagram_frame_unfold_box:
 * @width: the diagram's width
 * @height: its height
 * @frame: a frame
 * @box: (out): where the open card of @frame's unfolded neuron is drawn
 *
 * Returns: whether @frame has an unfolded neuron
 */
gboolean
bp_diagram_frame_unfold_box (int                   width,
                             int                   height,
                             const BpDiagramFrame *frame,
                             BpDiagramBox         *box)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  Scene scene;
  Card card;
  Rect place;
  double scale;

  g_return_val_if_fail (frame != NULL && box != NULL, FALSE);
  if (frame->after == NULL || frame->unfold.kind != BP_SELECTION_NODE)
    return FALSE;
  cache = bp_diagram_cache_for (&temporary, width, height, frame);
  bp_diagram_scene_init (&scene, frame, cache);
  if (!card_fit (&card, &scene, width, height, &place, &scale))
    return FALSE;
  card_clear (&card);
  *box = (BpDiagramBox) { place.x + place.w / 2.0, place.y + place.h / 2.0,
                          place.w / 2.0, place.h / 2.0 };
  return TRUE;
}
