/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercises-strings.h: the texts of the shipped exercises for xgettext, written by
 * tests/exercise-strings.py from data/exercises/*.backprop-exercises: do not edit, run
 * `tests/exercise-strings.py .` after changing an exercise. Not compiled: the loader
 * translates these texts with g_dgettext () as it reads the files. */
#pragma once

#include <glib/gi18n.h>

static const char *const bp_exercises_strings[] G_GNUC_UNUSED = {
  /* Translators: exercise set 01-which-way, its title */
  N_("Which way will it move?"),
  /* Translators: exercise set 01-which-way, its description */
  N_("Predict the direction of each step from the error and the input."),
  /* Translators: exercise one-weight, its title */
  N_("One weight, one target"),
  /* Translators: exercise one-weight, what the learner reads first */
  N_("One input x1 = 1, one linear output y1 = 0.5, and the target is 2. Predict what the next step of gradient descent does."),
  /* Translators: exercise one-weight, the hint of question 1: it explains why */
  N_("The output is below the target, so the loss falls when y1 rises. With a positive input, a larger weight gives a larger output: ∂L/∂w is negative, and the step −η·∂L/∂w raises the weight."),
  /* Translators: exercise one-weight, the hint of question 2: it explains why */
  N_("A bias is added to the output whatever the input: its factor in the chain rule is 1. It moves the way that brings the output toward the target, here up."),
  /* Translators: exercise one-weight, the hint of question 3: it explains why */
  N_("A small step follows −∂L/∂w a little way downhill: the output moves toward the target and the loss falls."),
  /* Translators: exercise negative-input, its title */
  N_("A negative input"),
  /* Translators: exercise negative-input, what the learner reads first */
  N_("The same network, but the input is x1 = −1. The output is −0.5, still below the target 2."),
  /* Translators: exercise negative-input, the hint of question 1: it explains why */
  N_("∂L/∂w = ∂L/∂y1 · x1. The output must rise, so ∂L/∂y1 is negative; the input is negative too, so their product is positive. Lowering the weight raises the output."),
  /* Translators: exercise negative-input, the hint of question 2: it explains why */
  N_("The bias has no input to flip its sign: its gradient is ∂L/∂y1 alone. The output is too low, so the bias goes up."),
  /* Translators: exercise bigger-input, its title */
  N_("The bigger input"),
  /* Translators: exercise bigger-input, what the learner reads first */
  N_("Two inputs, x1 = 2 and x2 = 0.5, both weights 0.5. The output is 1.25 and the target is 0."),
  /* Translators: exercise bigger-input, the hint of question 1: it explains why */
  N_("The output 1.25 is above the target 0, so it must fall. x2 is positive, so the weight from x2 goes down."),
  /* Translators: exercise bigger-input, the hint of question 2: it explains why */
  N_("Both weights share the same ∂L/∂y1, and each gradient is that times its own input. x1 = 2 is four times x2 = 0.5, so the weight from x1 has the larger |∂L/∂w|."),
  /* Translators: exercise two-outputs, its title */
  N_("Two outputs, two errors"),
  /* Translators: exercise two-outputs, what the learner reads first */
  N_("Two outputs from the same inputs x1 = x2 = 1: y1 = 0.2 with target 1, and y2 = 0.5 with target −1."),
  /* Translators: exercise two-outputs, the hint of question 1: it explains why */
  N_("y1 is below its target: the weights into y1 go up."),
  /* Translators: exercise two-outputs, the hint of question 2: it explains why */
  N_("y2 is above its target: the weights into y2 go down, although they start from the same input as those into y1."),
  /* Translators: exercise two-outputs, the hint of question 3: it explains why */
  N_("With the same input, each gradient is proportional to its output’s error: y2 misses by 1.5, y1 by 0.8."),
  /* Translators: exercise set 02-chain-rule, its title */
  N_("Through the hidden layer"),
  /* Translators: exercise set 02-chain-rule, its description */
  N_("Follow the chain rule back through hidden neurons: each weight on the way multiplies the gradient."),
  /* Translators: exercise hidden-sign, its title */
  N_("A negative weight on the way"),
  /* Translators: exercise hidden-sign, what the learner reads first */
  N_("x1 = 1 feeds a tanh neuron h1, which reaches the linear output y1 through the weight −1. The output is −0.46 and the target is 1."),
  /* Translators: exercise hidden-sign, the hint of question 1: it explains why */
  N_("The output is too low and h1 is positive: raising the weight from h1 raises the output. It goes up."),
  /* Translators: exercise hidden-sign, the hint of question 2: it explains why */
  N_("The chain rule multiplies ∂L/∂y1 by the weight h1 → y1, which is negative: a larger h1 means a smaller output. So h1 must fall, and with x1 = 1 its incoming weight goes down."),
  /* Translators: exercise hidden-sign, the hint of question 3: it explains why */
  N_("For h1 → y1 the gradient is ∂L/∂y1 · h1, with h1 = 0.46. For x1 → h1 it is ∂L/∂y1 · (−1) · tanh′(z) · x1, with tanh′(0.5) = 0.79 and x1 = 1: the larger factors win."),
  /* Translators: exercise two-paths, its title */
  N_("Two paths to the output"),
  /* Translators: exercise two-paths, what the learner reads first */
  N_("Two tanh neurons get the same input; h1 reaches the output through the weight 1, h2 through −0.5. The output is too low."),
  /* Translators: exercise two-paths, the hint of question 1: it explains why */
  N_("h1 reaches y1 through a positive weight: raising h1 raises the output, which is too low. The weight into h1 goes up."),
  /* Translators: exercise two-paths, the hint of question 2: it explains why */
  N_("h2 reaches y1 through a negative weight: the output rises when h2 falls, so the weight into h2 goes down."),
  /* Translators: exercise two-paths, the hint of question 3: it explains why */
  N_("The two paths differ only in the outgoing weight, 1 against −0.5. The chain rule scales each gradient by it, so the weight into h1 has twice the gradient of the weight into h2."),
  /* Translators: exercise sigmoid-chain, its title */
  N_("Two sigmoid layers"),
  /* Translators: exercise sigmoid-chain, what the learner reads first */
  N_("A 2-2-1 network of sigmoids, as the app makes it, with the input (1, 0.5) and the target 1."),
  /* Translators: exercise sigmoid-chain, the hint of question 1: it explains why */
  N_("The weights into y1 multiply the output’s δ by a hidden activation, between 0 and 1. The weights into h1 and h2 multiply it again by a weight and by σ′(z), at most 0.25, so they are smaller here."),
  /* Translators: exercise sigmoid-chain, the hint of question 2: it explains why */
  N_("Every gradient of the first layer of weights passes back through one more weight and one more σ′(z) ≤ 0.25 than those of the last layer: the first layer’s gradients are the smaller ones."),
  /* Translators: exercise set 03-fading, its title */
  N_("When gradients fade"),
  /* Translators: exercise set 03-fading, its description */
  N_("Saturated sigmoid and tanh neurons, a dead ReLU, and the vanishing gradients of a deep network."),
  /* Translators: exercise saturated-sigmoid, its title */
  N_("A saturated sigmoid"),
  /* Translators: exercise saturated-sigmoid, what the learner reads first */
  N_("Two sigmoid neurons: h1 receives z = 8, h2 receives z = 0.5. Both reach the output through the weight 1; the output is below its target."),
  /* Translators: exercise saturated-sigmoid, the hint of question 1: it explains why */
  N_("h1 works far out on the flat part of the sigmoid: σ′(8) ≈ 0.0003, and every gradient that passes back through h1 is multiplied by it. h2 works at z = 0.5, where σ′ ≈ 0.24."),
  /* Translators: exercise saturated-sigmoid, the hint of question 2: it explains why */
  N_("Saturation slows only what passes back through h1. The weight out of h1 multiplies the output’s error by h1 ≈ 1: the output is too low, so it goes up, and fast."),
  /* Translators: exercise saturated-sigmoid, the hint of question 3: it explains why */
  N_("The same neuron, both of its weights: the outgoing one sees h1 ≈ 1, the incoming one sees σ′(z) ≈ 0.0003. A saturated neuron passes its value forward but almost no gradient back."),
  /* Translators: exercise saturated-tanh, its title */
  N_("Confidently wrong"),
  /* Translators: exercise saturated-tanh, what the learner reads first */
  N_("The tanh output y1 is almost 1, but the target is −1: the network is as wrong as it can be."),
  /* Translators: exercise saturated-tanh, the hint of question 1: it explains why */
  N_("y1 must fall toward −1, and h1 is positive, so the weight into y1 goes down. The error is large, yet the gradient is tiny: tanh′ at z ≈ 4.6 is about 0.0004."),
  /* Translators: exercise saturated-tanh, the hint of question 2: it explains why */
  N_("A small step downhill still lowers the loss, only by very little: with squared error, a saturated output learns slowly even when it is badly wrong."),
  /* Translators: exercise dead-relu, its title */
  N_("A dead ReLU"),
  /* Translators: exercise dead-relu, what the learner reads first */
  N_("Two ReLU neurons: h1 receives z = −1, h2 receives z = 0.5. The output is 0.5 and the target is 2."),
  /* Translators: exercise dead-relu, the hint of question 1: it explains why */
  N_("h1’s input is −1, where a ReLU is flat: its slope is 0, so no gradient passes back through it. The weight into h1 has ∂L/∂w = 0 exactly and will not move."),
  /* Translators: exercise dead-relu, the hint of question 2: it explains why */
  N_("h2 is alive (z = 0.5 > 0, slope 1). The output is too low and h2 reaches it through a positive weight, so its incoming weight goes up."),
  /* Translators: exercise dead-relu, the hint of question 3: it explains why */
  N_("The network still learns through h2, so the loss goes down. h1 stays dead: while its input is negative, no step changes its weights."),
  /* Translators: exercise vanishing, its title */
  N_("Which layer’s gradients vanish?"),
  /* Translators: exercise vanishing, what the learner reads first */
  N_("Six layers of sigmoids, as the app makes them. The gradient of the loss has to travel back through all of them."),
  /* Translators: exercise vanishing, the hint of question 1: it explains why */
  N_("Going back one layer multiplies the gradient by weights and by σ′(z) ≤ 0.25. After five such layers little is left: the layer nearest the input learns slowest."),
  /* Translators: exercise vanishing, the hint of question 2: it explains why */
  N_("The weight into the output meets no σ′ of a hidden neuron on the way back; the weight from x1 meets five of them."),
  /* Translators: exercise set 04-step-size, its title */
  N_("Small steps, big steps"),
  /* Translators: exercise set 04-step-size, its description */
  N_("Will the loss go down? The same gradient with a small, a large and a too-large learning rate."),
  /* Translators: exercise overshoot, its title */
  N_("Past the target"),
  /* Translators: exercise overshoot, what the learner reads first */
  N_("One input x1 = 1, a linear output y1 = 0 and the target 1. A step changes the weight and the bias by η each, so the output moves by 2η."),
  /* Translators: exercise overshoot, the hint of question 1: it explains why */
  N_("The output moves from 0 to 0.2, toward the target: the loss falls."),
  /* Translators: exercise overshoot, the hint of question 2: it explains why */
  N_("The output lands at 1.8, past the target 1, but closer to it than it started: the loss still goes down. Overshooting hurts only once the landing point is farther away."),
  /* Translators: exercise overshoot, the hint of question 3: it explains why */
  N_("The output jumps from 0 to 3, twice as far from the target as before: the loss goes up. Each further step would overshoot more."),
  /* Translators: exercise too-large, its title */
  N_("A step too far"),
  /* Translators: exercise too-large, what the learner reads first */
  N_("The 2-2-1 sigmoid network again, now with the target 0.5; its output is 0.32. The gradient points downhill: how far can the step go?"),
  /* Translators: exercise too-large, the hint of question 1: it explains why */
  N_("A short step along −∂L/∂w stays on the downhill slope: the loss falls a little."),
  /* Translators: exercise too-large, the hint of question 2: it explains why */
  N_("Ten times the step, and still downhill: the loss falls much more. While the slope keeps its direction, a larger step gets there faster."),
  /* Translators: exercise too-large, the hint of question 3: it explains why */
  N_("The gradient only describes the slope where the network is now. A step of η = 50 jumps past the valley to where the output is farther from 0.5 than before: the loss goes up."),
};
