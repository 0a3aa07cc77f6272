// Point -> micro-grid lookups through the R-tree (GridLocator) on a city-sized
// grid of micro-grid squares, after proving it agrees with a brute-force scan
// on a sample. Single thread: the figure is lookups per second per core.
//   weige_bench_locate [--micro-grids=N] [benchmark flags]
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "domain/geometry.h"

namespace {

using weige::GridLocator;
using weige::Point;
using weige::Polygon;

std::size_t g_micro_grids = 190000;  // the city tier: ~190,000 micro-grids

struct City {
  std::vector<Polygon> cells;
  GridLocator locator;
  double side = 0;
  std::size_t columns = 0;
};

// Squares ~120 m across over Chengdu's latitude, each slightly irregular
// (a pentagon) so point-in-polygon does real work.
City& city() {
  static City c = [] {
    City out;
    out.columns = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(g_micro_grids))));
    out.side = 0.0012;
    for (std::size_t i = 0; i < g_micro_grids; ++i) {
      double x0 = 103.9 + static_cast<double>(i % out.columns) * out.side;
      double y0 = 30.5 + static_cast<double>(i / out.columns) * out.side;
      Polygon p;
      p.ring = {{x0, y0}, {x0 + out.side, y0}, {x0 + out.side, y0 + out.side}, {x0 + out.side / 2, y0 + out.side * 1.0},
                {x0, y0 + out.side}};
      out.locator.add(static_cast<std::int64_t>(i + 1), p);
      out.cells.push_back(std::move(p));
    }
    out.locator.build();
    return out;
  }();
  return c;
}

std::vector<Point> random_points(std::size_t n, std::uint32_t seed) {
  City& c = city();
  std::mt19937 rng(seed);
  double w = static_cast<double>(c.columns) * c.side;
  double h = static_cast<double>((g_micro_grids + c.columns - 1) / c.columns) * c.side;
  std::uniform_real_distribution<double> dx(103.9, 103.9 + w), dy(30.5, 30.5 + h);
  std::vector<Point> out(n);
  for (auto& p : out) p = {dx(rng), dy(rng)};
  return out;
}

std::optional<std::int64_t> brute_force(const Point& p) {
  City& c = city();
  for (std::size_t i = 0; i < c.cells.size(); ++i) {
    if (weige::contains(c.cells[i], p)) return static_cast<std::int64_t>(i + 1);
  }
  return std::nullopt;
}

void BM_Locate(benchmark::State& state) {
  City& c = city();
  auto points = random_points(1 << 16, 7);
  std::size_t i = 0, found = 0;
  for (auto _ : state) {
    auto g = c.locator.locate(points[i++ & ((1 << 16) - 1)]);
    found += g.has_value();
    benchmark::DoNotOptimize(g);
  }
  state.counters["lookups_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["micro_grids"] = static_cast<double>(c.locator.size());
  state.counters["found_share"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Locate);

void BM_BruteForce(benchmark::State& state) {
  auto points = random_points(64, 11);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(brute_force(points[i++ & 63]));
  state.counters["lookups_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BruteForce)->Iterations(200);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--micro-grids=", 14) == 0) g_micro_grids = std::strtoul(argv[i] + 14, nullptr, 10);
  }
  // Correctness first: the R-tree and a full scan agree on a sample.
  auto sample = random_points(2000, 3);
  std::size_t agree = 0;
  for (const auto& p : sample) agree += city().locator.locate(p) == brute_force(p);
  std::fprintf(stderr, "locate: %zu micro-grids; R-tree agrees with brute force on %zu of %zu sample points\n",
               city().locator.size(), agree, sample.size());
  if (agree != sample.size()) return 3;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
