/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Proves that forward, backward and step never allocate: this program replaces the C
 * library's allocator with counting wrappers. It is not built with sanitizers, which bring
 * their own allocator. */
#include "bp-core.h"

#include <stdlib.h>
#include <string.h>

extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *ptr, size_t size);
extern void *__libc_memalign (size_t alignment, size_t size);

static volatile gboolean counting;
static volatile guint n_allocations;

static void
count (void)
{
  if (counting)
    n_allocations++;
}

void *
malloc (size_t size)
{
  count ();
  return __libc_malloc (size);
}

void *
calloc (size_t n,
        size_t size)
{
  count ();
  return __libc_calloc (n, size);
}

void *
realloc (void   *ptr,
         size_t  size)
{
  count ();
  return __libc_realloc (ptr, size);
}

int
posix_memalign (void   **ptr,
                size_t   alignment,
                size_t   size)
{
  count ();
  *ptr = __libc_memalign (alignment, size);
  return *ptr == NULL ? 12 /* ENOMEM */ : 0;
}

void *
aligned_alloc (size_t alignment,
               size_t size)
{
  count ();
  return __libc_memalign (alignment, size);
}

/* The counter itself must see an allocation, or the test below proves nothing. */
static void
test_counter_works (void)
{
  g_autofree char *p = NULL;

  n_allocations = 0;
  counting = TRUE;
  p = g_malloc (32);
  counting = FALSE;
  g_assert_cmpuint (n_allocations, ==, 1);
}

static void
train_without_allocating (guint               n_sizes,
                          const guint        *sizes,
                          const BpActivation *acts,
                          BpLoss              loss)
{
  g_autoptr(BpNet) net = bp_net_new (n_sizes, sizes, acts, loss, NULL);
  g_autofree double *inputs = g_new0 (double, 4 * sizes[0]);
  g_autofree double *targets = g_new0 (double, 4 * sizes[n_sizes - 1]);
  g_autoptr(GError) error = NULL;

  bp_net_init_seeded (net, 1);
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = inputs[i] = 0.25;
  net->learning_rate = 100.0;

  n_allocations = 0;
  counting = TRUE;
  for (guint s = 0; s < 20; s++)
    {
      bp_net_forward (net);
      bp_net_backward (net);
      bp_net_step (net, NULL);
      bp_net_batch_step (net, inputs, targets, 4, NULL, NULL);
      (void) bp_net_gradients_finite (net);
    }
  counting = FALSE;
  g_assert_cmpuint (n_allocations, ==, 0);
}

static void
test_no_allocation (void)
{
  const guint small[] = { 2, 3, 1 };
  const guint mnist[] = { 784, 128, 10 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  const BpActivation relu[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LINEAR };

  train_without_allocating (3, small, acts, BP_LOSS_SQUARED_ERROR);
  train_without_allocating (3, small, acts, BP_LOSS_CROSS_ENTROPY);
  /* η = 100 on ReLU diverges: the refused steps must not allocate either when no error
   * is asked for. */
  train_without_allocating (3, mnist, relu, BP_LOSS_SQUARED_ERROR);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/alloc/counter-works", test_counter_works);
  g_test_add_func ("/bp/alloc/no-allocation", test_no_allocation);

  return g_test_run ();
}
