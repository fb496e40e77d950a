/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-raster.c: the connections of a weight layer written straight into the pixels
 * of a cached strip.
 *
 * Cairo 1.16 pays about 35 ns for every pixel row an antialiased stroke crosses, however
 * thin the line: a connection between far neurons of a 16-neuron column crosses 300 rows,
 * so the 1,792 lines of 8 × 16 took 35 ms a frame while the state changed, the dashed ones
 * twice as long as the solid ones (measured; batching, CAIRO_ANTIALIAS_FAST, a coarser
 * tolerance and dashes as one stroke or a repeating gradient were no faster or slower).
 * A strip holds nothing but straight lines with butt ends on a transparent raster, so it
 * writes their coverage itself: each pixel takes the share of its box, seen across and
 * along the line, that falls inside the line (or its dash), and is blended OVER. That is
 * how Cairo's strokes look to within a level or two of each channel, in a few ns a pixel.
 * A row of a steep line has only two to four pixels, so a segment's pixels are gathered
 * across its rows and blended four at a time: 8 × 16 with a new state in every frame went
 * from 19 to 13 ms a frame (Cairo 1.16, x86-64), the pixels byte for byte the same.
 */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-raster-private.h"

#include <math.h>
#include <string.h>

/* A strip's pixels, premultiplied ARGB32. */
typedef struct {
  guint32 *data;
  int stride;               /* in pixels */
  int width, height;
} Raster;

/* One part of a connection in device pixels. */
typedef struct {
  double ax, ay;            /* where the connection starts */
  double ux, uy;            /* its direction, a unit vector */
  double half;              /* half the line's width */
  double start, end;        /* the part, as distances from (ax, ay) */
  double on, period;        /* dashes from @start on; period 0 for a solid line */
  guint32 rb, ag;           /* the colour, premultiplied, as 0x00rr00bb and 0x00aa00gg */
  guint32 alpha;
} Segment;

/* Four pixels at a time, in GCC's vector extensions (SSE2 on x86-64, NEON on ARM, plain
 * code elsewhere); each lane computes exactly what one pixel's scalar code did. */
typedef float V4f __attribute__ ((vector_size (16)));
typedef gint32 V4i __attribute__ ((vector_size (16)));
typedef guint32 V4u __attribute__ ((vector_size (16)));

/* OVER with coverage @cover (0 … 256) of the segment's colour, on premultiplied pixels;
 * a coverage of 0 leaves the pixel as it was. */
static inline V4u
blend4 (V4u     dst,
        guint32 col_rb,
        guint32 col_ag,
        guint32 alpha,
        V4u     cover)
{
  V4u src_rb = (col_rb * cover >> 8) & 0x00ff00ffu;
  V4u src_ag = (col_ag * cover >> 8) & 0x00ff00ffu;
  V4u keep = 255u - (alpha * cover >> 8);
  V4u rb = (dst & 0x00ff00ffu) * keep;
  V4u ag = (dst >> 8 & 0x00ff00ffu) * keep;

  /* x / 255, rounded (exact for these products), two channels at a time. */
  rb = (rb + 0x00800080u + (rb >> 8 & 0x00ff00ffu)) >> 8 & 0x00ff00ffu;
  ag = (ag + 0x00800080u + (ag >> 8 & 0x00ff00ffu)) >> 8 & 0x00ff00ffu;
  return (rb + src_rb) | (ag + src_ag) << 8;
}

/* MIN (@a, @b) as GLib's macro computes it, lane by lane. */
static inline V4f
min4 (V4f a,
      V4f b)
{
  V4i less = a < b;

  return (V4f) (((V4i) a & less) | ((V4i) b & ~less));
}

/* How much of a pixel's box filter, seen across or along the line (where it is f wide),
 * a band of half width h covers at distance @r from the band's middle: (@reach − |r|) / f
 * with reach = h + f/2, between 0 and @cap = min (1, 2h / f). Without branches, which
 * would mispredict at every edge. */
static inline V4f
band_cover4 (V4f   r,
             float reach,
             float inv_f,
             float cap)
{
  V4f x = (reach - (V4f) ((V4u) r & 0x7fffffffu)) * inv_f;

  x = (V4f) ((V4i) x & (x > 0.0f));
  return min4 (x, (V4f) { cap, cap, cap, cap });
}

/* The bands of a segment, as band_cover4 () takes them. */
typedef struct {
  float inv_f;
  float across_reach, across_cap;
  float part_mid, part_reach, part_cap;   /* along a solid part, or around the dashes */
  gboolean dashed;
  float period, inv_period;
  float dash_mid, dash_reach, dash_cap;   /* the dash from 0 to on */
} Bands;

static void
bands_init (Bands         *bands,
            const Segment *seg,
            double         f)
{
  double len = seg->end - seg->start;

  bands->inv_f = 1.0 / f;
  bands->across_reach = seg->half + f / 2.0;
  bands->across_cap = MIN (1.0, 2.0 * seg->half / f);
  bands->part_mid = len / 2.0;
  bands->part_reach = (len + f) / 2.0;
  bands->part_cap = MIN (1.0, len / f);
  bands->dashed = seg->period > 0.0;
  bands->period = seg->period;
  bands->inv_period = bands->dashed ? 1.0 / seg->period : 0.0;
  bands->dash_mid = seg->on / 2.0;
  bands->dash_reach = (seg->on + f) / 2.0;
  bands->dash_cap = MIN (1.0, seg->on / f);
}

/* The pixels of a segment waiting to be blended: where each is, and its distances across
 * the line and along it from the start of the part. A row's few pixels (two to four for
 * most lines of a crowded layer) are too few to blend four at a time, so the rows of a
 * segment are gathered here and blended in fours. */
#define BATCH 256

typedef struct {
  guint32 *pixels[BATCH + 3];
  float perp[BATCH + 3];
  float d[BATCH + 3];
  int n;
  guint32 spare;            /* where the lanes beyond the last pixel blend, unseen */
} Batch;

/* The coverage of four pixels: the share of each one's box inside the line, or inside its
 * nearest dash. */
static inline V4u
cover4 (const Bands *b,
        V4f          perp,
        V4f          d)
{
  V4f across = band_cover4 (perp, b->across_reach, b->inv_f, b->across_cap);
  V4f along = band_cover4 (d - b->part_mid, b->part_reach, b->inv_f, b->part_cap);

  if (b->dashed)
    {
      /* The pixel's box is narrower than a gap, so only the nearest dash counts;
       * rounding by conversion, as t / period > −1 here. */
      V4f t = d - b->dash_mid;
      V4i nearest = __builtin_convertvector (t * b->inv_period + 1.5f, V4i) - 1;

      along = min4 (along, band_cover4 (t - __builtin_convertvector (nearest, V4f) * b->period,
                                        b->dash_reach, b->inv_f, b->dash_cap));
    }
  return (V4u) __builtin_convertvector (across * along * 256.0f + 0.5f, V4i);
}

/* Blends the batch's pixels, four at a time; they are all different pixels, as a segment
 * covers each pixel once. Even a coverage of 0 is blended (it changes nothing): a test
 * would mispredict. */
static void
batch_flush (Batch         *batch,
             const Segment *seg,
             const Bands   *bands)
{
  /* Copies, which the stores into the pixels cannot alias. */
  const Bands b = *bands;
  guint32 rb = seg->rb, ag = seg->ag, alpha = seg->alpha;

  for (int k = batch->n; k % 4 != 0; k++)
    {
      batch->pixels[k] = &batch->spare;
      batch->perp[k] = batch->d[k] = 0.0f;
    }
  for (int k = 0; k < batch->n; k += 4)
    {
      guint32 **p = batch->pixels + k;
      V4f perp, d;
      V4u dst = { *p[0], *p[1], *p[2], *p[3] };

      memcpy (&perp, batch->perp + k, sizeof perp);
      memcpy (&d, batch->d + k, sizeof d);
      dst = blend4 (dst, rb, ag, alpha, cover4 (&b, perp, d));
      *p[0] = dst[0];
      *p[1] = dst[1];
      *p[2] = dst[2];
      *p[3] = dst[3];
    }
  batch->n = 0;
}

/* Adds @n pixels of a row from @pixels on; @perp and @d are the first one's distances
 * across the line and along it from the start of the part, which the next one changes
 * by −uy and ux. Single precision, from a nearby origin, keeps a hundredth of a pixel. */
static void
batch_add_run (Batch         *batch,
               guint32       *pixels,
               int            n,
               const Segment *seg,
               const Bands   *bands,
               float          perp,
               float          d)
{
  float ux = seg->ux, uy = seg->uy;

  for (int k = 0; k < n; k++, perp -= uy, d += ux)
    {
      int m = batch->n++;

      batch->pixels[m] = pixels + k;
      batch->perp[m] = perp;
      batch->d[m] = d;
      if (batch->n == BATCH)
        batch_flush (batch, seg, bands);
    }
}

/* The pixels from which a row of pixel centres can touch a line: where the row crosses
 * the band across the line (x from @lo to @hi) and the band of the part along it (@lo2 to
 * @hi2), within the raster. Conversions instead of floor () and ceil (), which are calls
 * on plain x86-64. */
static inline gboolean
row_span (int     width,
          double  lo,
          double  hi,
          double  lo2,
          double  hi2,
          int    *i0,
          int    *i1)
{
  double x0 = MAX (MAX (lo, lo2), 0.0) - 0.5, x1 = MIN (MIN (hi, hi2), width) - 0.5;
  int t0, t1;

  if (!(x1 >= x0))
    return FALSE;
  /* The first centre at or after x0 and the last at or before x1, for x0, x1 ≥ −0.5. */
  t0 = (int) x0;
  t1 = (int) (x1 + 1.0) - 1;
  *i0 = t0 + (x0 > t0);
  *i1 = MIN (t1, width - 1);
  return *i0 <= *i1;
}

static void
raster_segment (const Raster  *raster,
                const Segment *seg)
{
  /* A pixel's box seen across or along a line at any angle is |ux| + |uy| wide. */
  double f = fabs (seg->ux) + fabs (seg->uy);
  double reach = seg->half + f / 2.0, lo = seg->start - f / 2.0, hi = seg->end + f / 2.0;
  double y_start = seg->ay + seg->uy * lo, y_end = seg->ay + seg->uy * hi;
  double spread = fabs (seg->ux) * reach;
  int iy0 = MAX (0, (int) floor (MIN (y_start, y_end) - spread));
  int iy1 = MIN (raster->height - 1, (int) ceil (MAX (y_start, y_end) + spread));
  /* A row py below ay meets the band across the line where x − ax = py·ux/uy ± reach/|uy|,
   * and the band along it where x − ax = (lo … hi − py·uy) / ux; a horizontal line's row
   * is all in or all out of the first, a vertical line's of the second. */
  gboolean steep = fabs (seg->uy) > 1e-9, wide = fabs (seg->ux) > 1e-9;
  double across_b = steep ? seg->ux / seg->uy : 0.0;
  double across_c = steep ? reach / fabs (seg->uy) : G_MAXDOUBLE;
  double along_b = wide ? -seg->uy / seg->ux : 0.0;
  double along_lo = wide ? MIN (lo / seg->ux, hi / seg->ux) : -G_MAXDOUBLE;
  double along_hi = wide ? MAX (lo / seg->ux, hi / seg->ux) : G_MAXDOUBLE;
  Bands bands;
  Batch batch;

  batch.n = 0;
  batch.spare = 0;
  bands_init (&bands, seg, f);
  for (int iy = iy0; iy <= iy1; iy++)
    {
      double py = iy + 0.5 - seg->ay, px;
      double across_x = seg->ax + py * across_b, along_x = seg->ax + py * along_b;
      int i0, i1;

      if ((!steep && fabs (py * seg->ux) >= reach)
          || (!wide && (py * seg->uy <= lo || py * seg->uy >= hi)))
        continue;
      if (!row_span (raster->width, across_x - across_c, across_x + across_c,
                     along_x + along_lo, along_x + along_hi, &i0, &i1))
        continue;
      px = i0 + 0.5 - seg->ax;
      batch_add_run (&batch, raster->data + (gsize) iy * raster->stride + i0, i1 - i0 + 1,
                     seg, &bands, py * seg->ux - px * seg->uy,
                     px * seg->ux + py * seg->uy - seg->start);
    }
  batch_flush (&batch, seg, &bands);
}

static void
segment_color (Segment       *seg,
               const BpColor *color)
{
  guint32 a = (guint32) lround (CLAMP (color->alpha, 0.0, 1.0) * 255.0);
  guint32 r = (guint32) lround (CLAMP (color->red, 0.0, 1.0) * a);
  guint32 g = (guint32) lround (CLAMP (color->green, 0.0, 1.0) * a);
  guint32 b = (guint32) lround (CLAMP (color->blue, 0.0, 1.0) * a);

  seg->rb = r << 16 | b;
  seg->ag = a << 16 | g;
  seg->alpha = a;
}

/* The parts as draw_parts () in bp-diagram-draw.c strokes them, in device pixels of
 * @raster, whose origin is the user point (@x0, @y0) and which has @scale pixels per unit. */
static void
raster_parts (const Raster *raster,
              const Scene  *scene,
              const Part   *parts,
              gsize         n,
              double        x0,
              double        y0,
              double        scale)
{
  const BpColor *colors[3] = { &scene->palette->grid, &scene->palette->fall,
                               &scene->palette->rise };
  double z = MAX (1.0, scene->frame->zoom);
  Segment seg = { 0 };

  for (gsize k = 0; k < n; k++)
    {
      const Part *part = &parts[k];
      const Box *from = node_box (scene->cache, part->layer, part->from);
      const Box *to = node_box (scene->cache, part->layer + 1, part->to);
      double dx = (to->x - from->x) * scale, dy = (to->y - from->y) * scale;
      double len = hypot (dx, dy), w;

      if (!(len > 0.0))
        continue;
      if (k == 0 || part->key != parts[k - 1].key)
        {
          w = key_width (scene, part->key);
          segment_color (&seg, colors[part->key % 3]);
          seg.half = w * scale / 2.0;
          /* The dashes of emit_part () in bp-diagram-draw.c. */
          seg.on = part->key % 3 == 1 ? MAX (6.0 * z, 2.5 * w) * scale : 0.0;
          seg.period = part->key % 3 == 1 ? seg.on + MAX (4.0 * z, 1.6 * w) * scale : 0.0;
        }
      seg.ax = (from->x - x0) * scale;
      seg.ay = (from->y - y0) * scale;
      seg.ux = dx / len;
      seg.uy = dy / len;
      seg.start = part->t0 * len;
      seg.end = part->t1 * len;
      raster_segment (raster, &seg);
    }
}

/* A transparent raster of @width × @height pixels in *@strip, the one already there if it
 * has that size: a new one would be mapped and faulted in afresh on every frame. Returns
 * its pixels, ready to be written, or NULL if there is no memory for them. */
static guint32 *
clear_strip (cairo_surface_t **strip,
             int               width,
             int               height,
             double            scale)
{
  if (*strip == NULL || cairo_image_surface_get_width (*strip) != width
      || cairo_image_surface_get_height (*strip) != height)
    {
      g_clear_pointer (strip, cairo_surface_destroy);
      *strip = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      if (cairo_surface_status (*strip) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (strip, cairo_surface_destroy);
          return NULL;
        }
    }
  else
    {
      /* Flushing first gives a recording (GTK's) that still shows the old pixels its
       * own copy of them. */
      cairo_surface_flush (*strip);
      memset (cairo_image_surface_get_data (*strip), 0,
              (gsize) cairo_image_surface_get_stride (*strip) * height);
    }
  cairo_surface_set_device_scale (*strip, scale, scale);
  return (guint32 *) cairo_image_surface_get_data (*strip);
}

/* What a strip shows, as one FNV-1a hash: its parts and all that their pixels depend on. */
static guint64
strip_key (const Scene *scene,
           const Part  *parts,
           gsize        n,
           double       scale)
{
  guint64 h = 14695981039346656037ull;
  guint64 words[4] = {
    GPOINTER_TO_SIZE (scene->palette), (guint64) (scene->wmax * 1024.0),
    (guint64) (scale * 1024.0), (guint64) (scene->frame->zoom * 1024.0),
  };

  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    h = (h ^ words[k]) * 1099511628211ull;
  for (gsize k = 0; k < n; k++)
    {
      guint64 w = (guint64) parts[k].key | (guint64) parts[k].to << 8
                  | (guint64) parts[k].from << 24 | (guint64) (parts[k].t0 * 4096.0f) << 40;

      h = (h ^ w) * 1099511628211ull;
    }
  return h;
}

/* Paints weight layer @l, its @n @parts as collect_layer () in bp-diagram-draw.c sorts
 * them, from its cached raster, redrawing that only when it changed: while idle, during
 * the forward pulse and between waves no layer changes, and while the wave runs only the
 * layer it crosses. FALSE, having painted nothing, if there is no memory for the raster:
 * then the caller strokes the parts. */
gboolean
bp_diagram_raster_paint_strip (cairo_t     *cr,
                               const Scene *scene,
                               guint        l,
                               const Part  *parts,
                               gsize        n)
{
  BpDiagramCache *cache = scene->cache;
  double pad = scene->wmax + 2.0, sx = 1.0, sy = 1.0, scale;
  double x0 = floor (node_box (cache, l, 0)->x - pad);
  double x1 = ceil (node_box (cache, l + 1, 0)->x + pad);
  double y0 = floor (cache->area_top - pad), y1 = ceil (cache->area_bottom + pad);
  guint64 key;

  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  scale = MAX (1, scene->frame->scale_factor) * sx;
  key = strip_key (scene, parts, n, scale);
  if (cache->strips[l] == NULL || cache->strip_keys[l] != key)
    {
      int w = (int) ceil ((x1 - x0) * scale), h = (int) ceil ((y1 - y0) * scale);
      Raster raster;

      raster.data = clear_strip (&cache->strips[l], w, h, scale);
      if (raster.data == NULL)
        return FALSE;
      raster.stride = cairo_image_surface_get_stride (cache->strips[l]) / 4;
      raster.width = w;
      raster.height = h;
      raster_parts (&raster, scene, parts, n, x0, y0, scale);
      cairo_surface_mark_dirty (cache->strips[l]);
      cache->strip_keys[l] = key;
    }
  cairo_set_source_surface (cr, cache->strips[l], x0, y0);
  cairo_paint (cr);
  return TRUE;
}
