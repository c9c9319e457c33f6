"""Fit the coefficients of the float32 exact-GELU kernel (activations/functions/_kernels.py).

Run: .venv/bin/python scripts/fit_gelu.py    (needs mpmath; about a minute)

Prints three coefficient lists, from 40-digit mpmath values:

* ``_GELU_P``: (Phi(x) - 1/2) / x as a degree-9 polynomial in t = x^2 on [0, 4], by least
  squares on 400 Chebyshev nodes;
* ``_GELU_D``: (Phi(x) + x phi(x) - 1/2) / x, degree 10, the same way;
* ``_MILLS_P`` / ``_MILLS_Q``: Phi(-a) e^(a^2/2) as a rational function of degrees 3 / 4 in a on
  [2, 15] (the kernel takes it past |x| = 2 only), minimising the relative error by a linearised least-squares fit with Lawson's
  reweighting (12 rounds on 300 Chebyshev nodes).

Each list is followed by its largest error on a finer grid.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

mp.mp.dps = 40


def chebyshev_nodes(low: float, high: float, count: int) -> list:
    return [mp.mpf(low) + (mp.mpf(high) - low) / 2 * (1 - mp.cos(mp.pi * (k + 0.5) / count))
            for k in range(count)]


def centre_ratio(t, derivative: bool):
    """(Phi(x) - 1/2) / x, or (gelu'(x) - 1/2) / x, at x = sqrt(t)."""
    if t == 0:
        return (2 if derivative else 1) / mp.sqrt(2 * mp.pi)
    x = mp.sqrt(t)
    value = mp.ncdf(x) - mp.mpf(1) / 2 + (x * mp.npdf(x) if derivative else 0)
    return value / x


def fit_polynomial(derivative: bool, degree: int, end: float = 4.0) -> list[float]:
    ts = chebyshev_nodes(0, end, 400)
    matrix = mp.matrix([[t**i for i in range(degree + 1)] for t in ts])
    solution, _ = mp.qr_solve(matrix, mp.matrix([centre_ratio(t, derivative) for t in ts]))
    coefficients = [float(solution[i]) for i in range(degree + 1)]
    grid = np.linspace(0, end, 301)
    reference = np.array([float(centre_ratio(mp.mpf(float(t)), derivative)) for t in grid])
    error = np.abs(np.polyval(coefficients[::-1], grid) - reference).max()
    print(f"absolute error {error:.2g}")
    return coefficients


def mills(a):
    """Phi(-a) e^(a^2/2)."""
    return mp.ncdf(-a) * mp.exp(a * a / 2)


def fit_rational(n: int, m: int, start: float, end: float,
                 rounds: int = 12) -> tuple[list, list]:
    xs = chebyshev_nodes(start, end, 300)
    fs = [mills(x) for x in xs]
    weights, denominators, best = [mp.mpf(1)] * len(xs), [mp.mpf(1)] * len(xs), None
    for _ in range(rounds):
        rows, rhs = [], []
        for x, f, d, w in zip(xs, fs, denominators, weights):
            s = w / (f * d)  # P - f (Q - 1) = f, relative, with the last round's Q
            rows.append([s * x**i for i in range(n + 1)]
                        + [-s * f * x**j for j in range(1, m + 1)])
            rhs.append(s * f)
        solution, _ = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))
        p = [solution[i] for i in range(n + 1)]
        q = [mp.mpf(1)] + [solution[n + j] for j in range(1, m + 1)]
        denominators = [mp.polyval(q[::-1], x) for x in xs]
        errors = [abs(mp.polyval(p[::-1], x) / d / f - 1)
                  for x, f, d in zip(xs, fs, denominators)]
        if best is None or max(errors) < best[0]:
            best = (max(errors), p, q)
        weights = [w * e**0.5 + mp.mpf(10) ** -30 for w, e in zip(weights, errors)]
        total = sum(weights)
        weights = [w / total * len(xs) for w in weights]
    grid = [mp.mpf(start) + (end - start) * k / 3000 for k in range(3001)]
    error = max(abs(mp.polyval(best[1][::-1], x) / mp.polyval(best[2][::-1], x) / mills(x) - 1)
                for x in grid)
    print(f"relative error {float(error):.2g}")
    return [float(c) for c in best[1]], [float(c) for c in best[2]]


if __name__ == "__main__":
    print("_GELU_P", fit_polynomial(False, 9))
    print("_GELU_D", fit_polynomial(True, 10))
    p, q = fit_rational(3, 4, 2.0, 15.0)
    print("_MILLS_P", p)
    print("_MILLS_Q", q)
