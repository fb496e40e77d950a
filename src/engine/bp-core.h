/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-core.h: the numeric engine, plain C structs and functions in double precision.
 *
 * A fully connected layered network with sizes [n0, n1, …, nL]. Layer 0 is the input;
 * weight layer l (0 ≤ l < L) connects layer l to layer l + 1 and holds
 * weights[l][j * sizes[l] + i], the weight from neuron i of layer l to neuron j of layer l + 1
 * (row-major, out × in). The engine never allocates once a network exists.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BP_MAX_LAYERS 16               /* weight layers */
#define BP_MAX_WIDTH 4096              /* neurons in one layer */
#define BP_MAX_PARAMS (1u << 24)       /* weights and biases together */
#define BP_MAX_CHAIN_PATHS 64          /* beyond this the chain rule is given layer by layer */
#define BP_LEAKY_RELU_SLOPE 0.01

#define BP_ERROR (bp_error_quark ())

typedef enum {
  BP_ERROR_SHAPE,        /* sizes or activations out of the limits */
  BP_ERROR_DIVERGED,     /* a step would make the loss or a parameter non-finite */
  BP_ERROR_INVALID,      /* a value is not allowed (learning rate, target, loss) */
  BP_ERROR_FILE,         /* a network file is malformed */
  BP_ERROR_VERSION,      /* a network file comes from a newer version */
} BpError;

typedef enum {
  BP_ACTIVATION_LINEAR,
  BP_ACTIVATION_SIGMOID,
  BP_ACTIVATION_TANH,
  BP_ACTIVATION_RELU,
  BP_ACTIVATION_LEAKY_RELU,
  BP_N_ACTIVATIONS
} BpActivation;

typedef enum {
  BP_LOSS_SQUARED_ERROR,
  BP_LOSS_CROSS_ENTROPY,
  BP_N_LOSSES
} BpLoss;

/* The penalty a mini-batch step adds to the mean of the per-example losses, over the weights
 * only (never the biases): L2 is λ·½·Σw², L1 is λ·Σ|w| (its derivative taken as 0 at
 * w = 0; a weight that a step would carry across zero is set to exactly 0 instead). */
typedef enum {
  BP_REGULARIZATION_NONE,
  BP_REGULARIZATION_L1,
  BP_REGULARIZATION_L2,
  BP_N_REGULARIZATIONS
} BpRegularization;

#define BP_N_REGULARIZATION_RATES 10

/* All fields are read-only outside the engine; change them through the functions below. */
typedef struct {
  guint n_layers;                          /* L, the number of weight layers */
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS]; /* activations[l] is that of layer l + 1 */
  BpLoss loss_kind;
  double learning_rate;
  BpRegularization regularization;         /* of mini-batch steps; none by default */
  double regularization_rate;              /* λ, one of bp_regularization_rates () */
  gsize n_weights;
  gsize n_biases;

  double *weights[BP_MAX_LAYERS];
  double *biases[BP_MAX_LAYERS];
  double *target;

  /* The current pass, index = layer. a[0] is the input; z[0] and delta[0] are unused. */
  double *z[BP_MAX_LAYERS + 1];
  double *a[BP_MAX_LAYERS + 1];
  double *delta[BP_MAX_LAYERS + 1];        /* dL/dz */
  double *grad_a[BP_MAX_LAYERS + 1];       /* dL/da, the input layer included */
  double loss;

  /* The last mini-batch gradient (bp_net_batch_gradient() or bp_net_batch_step()), taken at
   * the parameters before that step: the mean of the per-example losses and the penalty of
   * the weights, whose sum is the batch's loss. */
  double batch_data_loss;
  double batch_penalty;
  guint batch_n_samples;                   /* the examples it averaged */
  /* Whether the gradient accessors (bp_net_weight_gradient (), bp_net_bias_gradient ())
   * give the mean gradient of a mini-batch instead of this sample's: see bp_net_show_batch. */
  gboolean shows_batch;
  /* In dataset mode, the input features the inputs are, in order (a BpFeatureSet of
   * bp-dataset.h), so that views name an input by its feature; 0 otherwise. */
  guint input_features;

  /*< private >*/
  double *spare_z[BP_MAX_LAYERS + 1];
  double *spare_a[BP_MAX_LAYERS + 1];
  double *spare_delta[BP_MAX_LAYERS + 1];
  double *spare_grad_a[BP_MAX_LAYERS + 1];
  double *batch_grad_w;                    /* dense mean gradient of a mini-batch, the */
  double *batch_grad_b;                    /* penalty's included: see bp_net_batch_*_gradient */
  double *block;
} BpNet;

/* What the numbers of one gradient path are. */
typedef enum {
  BP_FACTOR_DLOSS_DOUTPUT,  /* dL/dy_k */
  BP_FACTOR_DLOSS_DZ,       /* dL/dz_k of a sigmoid output under cross-entropy: y_k − t_k */
  BP_FACTOR_ACTIVATION,     /* da/dz of neuron (layer, index) */
  BP_FACTOR_WEIGHT,         /* the weight from neuron `from` of layer − 1 to (layer, index) */
  BP_FACTOR_INPUT,          /* dz/dw: the activation of neuron `from` of layer − 1 */
  BP_FACTOR_ONE,            /* dz/db = 1 */
} BpFactorKind;

typedef struct {
  BpFactorKind kind;
  guint layer;   /* the layer of the neuron the factor belongs to */
  guint index;   /* that neuron */
  guint from;    /* for weights and inputs: the neuron in layer − 1 */
  double value;
} BpFactor;

typedef struct {
  guint n_factors;
  BpFactor *factors;   /* from the loss back to the parameter */
  double product;
} BpChainPath;

/* One δ term of the layer-by-layer form: δ(layer, index) = f'(z) · Σ_k w_k · δ_k. */
typedef struct {
  guint layer;
  guint index;
  double derivative;   /* f'(z) of this neuron */
  double weighted_sum; /* Σ_k w_k δ_k over the layer above, or dL/dy at the output */
  double delta;
} BpChainDelta;

/* The chain rule for one parameter. */
typedef struct {
  guint layer;          /* weight layer */
  guint to;             /* neuron of layer + 1 */
  guint from;           /* neuron of layer, or G_MAXUINT for the bias */
  double value;         /* the parameter */
  double gradient;      /* what backprop computed */
  double learning_rate;
  double updated;       /* value − η · gradient */
  guint64 n_paths;
  gboolean by_layer;    /* n_paths > BP_MAX_CHAIN_PATHS: only the δ form is filled in */
  BpChainPath *paths;   /* n_paths of them unless by_layer */
  double path_sum;
  guint n_deltas;       /* the δ form, from the output down to the parameter's layer */
  BpChainDelta *deltas;
  double input;         /* a_i, or 1 for a bias */
} BpChain;

GQuark        bp_error_quark              (void);

const char   *bp_activation_to_string     (BpActivation    activation);
const char   *bp_activation_display_name  (BpActivation    activation);
gboolean      bp_activation_from_string   (const char     *name,
                                           BpActivation   *activation);
double        bp_activation_derivative    (BpActivation    activation,
                                           double          z,
                                           double          a);
const char   *bp_loss_to_string           (BpLoss          loss);
const char   *bp_loss_display_name        (BpLoss          loss);
gboolean      bp_loss_from_string         (const char     *name,
                                           BpLoss         *loss);

gboolean      bp_net_check_shape          (guint           n_sizes,
                                           const guint    *sizes,
                                           GError        **error);
gboolean      bp_net_check_loss           (guint           n_layers,
                                           const BpActivation *activations,
                                           BpLoss          loss,
                                           GError        **error);
gboolean      bp_net_check_learning_rate  (double          learning_rate,
                                           GError        **error);
BpNet        *bp_net_new                  (guint           n_sizes,
                                           const guint    *sizes,
                                           const BpActivation *activations,
                                           BpLoss          loss,
                                           GError        **error);
BpNet        *bp_net_copy                 (const BpNet    *net);
void          bp_net_free                 (BpNet          *net);
gboolean      bp_net_same_shape           (const BpNet    *a,
                                           const BpNet    *b);
void          bp_net_copy_values          (BpNet          *dest,
                                           const BpNet    *src);
void          bp_net_init_seeded          (BpNet          *net,
                                           guint32         seed);
gboolean      bp_net_set_loss             (BpNet          *net,
                                           BpLoss          loss,
                                           GError        **error);
gboolean      bp_net_set_activation       (BpNet          *net,
                                           guint           layer,
                                           BpActivation    activation,
                                           GError        **error);
gboolean      bp_net_check_target         (const BpNet    *net,
                                           const double   *target,
                                           GError        **error);
gboolean      bp_net_set_learning_rate    (BpNet          *net,
                                           double          learning_rate,
                                           GError        **error);
void          bp_net_set_input            (BpNet          *net,
                                           const double   *input);
gboolean      bp_net_set_target           (BpNet          *net,
                                           const double   *target,
                                           GError        **error);
void          bp_net_set_weight           (BpNet          *net,
                                           guint           layer,
                                           guint           to,
                                           guint           from,
                                           double          value);
void          bp_net_set_bias             (BpNet          *net,
                                           guint           layer,
                                           guint           to,
                                           double          value);

static inline const double *
bp_net_weight (const BpNet *net,
               guint        layer,
               guint        to,
               guint        from)
{
  return &net->weights[layer][(gsize) to * net->sizes[layer] + from];
}

/* The gradient of this sample's loss: dL/dW[layer][to][from] = δ_to · a_from. */
static inline double
bp_net_sample_weight_gradient (const BpNet *net,
                               guint        layer,
                               guint        to,
                               guint        from)
{
  return net->delta[layer + 1][to] * net->a[layer][from];
}

static inline double
bp_net_sample_bias_gradient (const BpNet *net,
                             guint        layer,
                             guint        to)
{
  return net->delta[layer + 1][to];
}

double        bp_net_batch_weight_gradient (const BpNet   *net,
                                           guint           layer,
                                           guint           to,
                                           guint           from);
double        bp_net_batch_bias_gradient  (const BpNet    *net,
                                           guint           layer,
                                           guint           to);

/* The gradient the network shows and its next step applies: the sample's, or after
 * bp_net_show_batch () the batch's mean gradient with its penalty. */
static inline double
bp_net_weight_gradient (const BpNet *net,
                        guint        layer,
                        guint        to,
                        guint        from)
{
  if (G_UNLIKELY (net->shows_batch))
    return bp_net_batch_weight_gradient (net, layer, to, from);
  return bp_net_sample_weight_gradient (net, layer, to, from);
}

static inline double
bp_net_bias_gradient (const BpNet *net,
                      guint        layer,
                      guint        to)
{
  if (G_UNLIKELY (net->shows_batch))
    return bp_net_batch_bias_gradient (net, layer, to);
  return bp_net_sample_bias_gradient (net, layer, to);
}

static inline double *
bp_net_output (const BpNet *net)
{
  return net->a[net->n_layers];
}

void          bp_net_forward              (BpNet          *net);
void          bp_net_backward             (BpNet          *net);
gboolean      bp_net_gradients_finite     (const BpNet    *net);
gboolean      bp_net_step                 (BpNet          *net,
                                           GError        **error);
gboolean      bp_net_batch_step           (BpNet          *net,
                                           const double   *inputs,
                                           const double   *targets,
                                           guint           n_samples,
                                           double         *mean_loss,
                                           GError        **error);
gboolean      bp_net_batch_gradient       (BpNet          *net,
                                           const double   *inputs,
                                           const double   *targets,
                                           guint           n_samples);
gboolean      bp_net_show_batch           (BpNet          *net,
                                           const double   *inputs,
                                           const double   *targets,
                                           guint           n_samples);
void          bp_net_show_sample          (BpNet          *net);
double        bp_net_loss_of              (const BpNet    *net,
                                           const double   *output_z,
                                           const double   *output_a,
                                           const double   *target);
double        bp_net_gradient_check       (BpNet          *net);

const char   *bp_regularization_to_string (BpRegularization regularization);
const char   *bp_regularization_display_name (BpRegularization regularization);
gboolean      bp_regularization_from_string (const char   *name,
                                           BpRegularization *regularization);
const double *bp_regularization_rates     (guint          *n_rates);
gboolean      bp_regularization_check_rate (double         rate,
                                           GError        **error);
gboolean      bp_net_set_regularization   (BpNet          *net,
                                           BpRegularization regularization,
                                           double          rate,
                                           GError        **error);
double        bp_net_penalty              (const BpNet    *net);

guint64       bp_chain_count_paths        (const BpNet    *net,
                                           guint           layer);
BpChain      *bp_chain_new                (const BpNet    *net,
                                           guint           layer,
                                           guint           to,
                                           guint           from);
void          bp_chain_free               (BpChain        *chain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpNet, bp_net_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpChain, bp_chain_free)

G_END_DECLS
