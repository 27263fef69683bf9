// Boost.Graph on plangraph's graphs: the concepts hold, and BGL's algorithms agree with ours.
#include <plangraph/bgl.hpp>
#include <plangraph/generate.hpp>

#include <boost/concept/assert.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dag_shortest_paths.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/topological_sort.hpp>
#include <boost/property_map/property_map.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <numeric>
#include <vector>

using namespace plangraph;

using unit_tree = hierarchy<unit_id>;

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<digraph>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<digraph>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<digraph>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<digraph>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<digraph>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<digraph, digraph_edge, boost::edge_index_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<digraph, digraph::vertex, boost::vertex_index_t>));

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<unit_tree>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<unit_tree>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<unit_tree>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<unit_tree>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<unit_tree, unit_id, boost::vertex_index_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<hierarchy<task_id>, hierarchy_edge<task_id>, boost::edge_index_t>));

static_assert(std::is_same_v<boost::graph_traits<unit_tree>::vertex_descriptor, unit_id>,
              "hierarchy vertices are the strong ids themselves");
static_assert(boost::is_bidirectional_graph<digraph>::value);
static_assert(!boost::is_bidirectional_graph<unit_tree>::value);

namespace {

/// A random DAG: edges go from a lower to a higher rank, and ranks are shuffled over vertices
/// so that index order is not a topological order.
digraph random_dag(splitmix64& rng, std::size_t n, std::size_t m) {
    std::vector<digraph::vertex> rank(n);
    std::iota(rank.begin(), rank.end(), 0u);
    for (std::size_t i = n; i > 1; --i) std::swap(rank[i - 1], rank[rng.below(i)]);
    std::vector<digraph::vertex> from, to;
    for (std::size_t e = 0; e < m && n > 1; ++e) {
        auto a = rng.below(n), b = rng.below(n);
        if (a == b) continue;
        if (a > b) std::swap(a, b);
        from.push_back(rank[a]);
        to.push_back(rank[b]);
    }
    return digraph(n, from, to);
}

/// A random forest: each vertex's parent is one of lower rank, or none; ranks shuffled.
unit_tree random_forest(splitmix64& rng, std::size_t n) {
    std::vector<std::size_t> rank(n);
    std::iota(rank.begin(), rank.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(rank[i - 1], rank[rng.below(i)]);
    std::vector<unit_id> parent(n, no_id<unit_id>);
    for (std::size_t r = 1; r < n; ++r)
        if (!rng.chance(0.05)) parent[rank[r]] = make_id<unit_id>(rank[rng.below(r)]);
    return unit_tree(parent);
}

template <class Graph, class Order>
bool respects_edges(const Graph& g, const Order& order) {
    std::vector<std::size_t> pos(num_vertices(g));
    for (std::size_t i = 0; i < order.size(); ++i) pos[get(boost::vertex_index, g, order[i])] = i;
    auto [first, last] = edges(g);
    return std::all_of(first, last, [&](auto e) {
        return pos[get(boost::vertex_index, g, source(e, g))] < pos[get(boost::vertex_index, g, target(e, g))];
    });
}

/// Records vertices as depth-first search finishes them.
template <class Vertex>
struct finish_recorder : boost::default_dfs_visitor {
    std::vector<Vertex>* finished;
    template <class G>
    void finish_vertex(Vertex v, const G&) const { finished->push_back(v); }
};

}  // namespace

TEST_CASE("bgl.digraph.free_functions_match_the_csr") {
    std::vector<digraph::vertex> from{0, 0, 1, 2, 2}, to{1, 2, 3, 3, 3};
    digraph g(4, from, to);
    CHECK(num_vertices(g) == 4);
    CHECK(num_edges(g) == 5);
    CHECK(out_degree(0u, g) == 2);
    CHECK(in_degree(3u, g) == 3);
    CHECK(degree(2u, g) == 3);
    std::vector<digraph::vertex> next(adjacent_vertices(2u, g).first, adjacent_vertices(2u, g).second);
    CHECK(next == std::vector<digraph::vertex>{3, 3});  // parallel edges are kept
    std::vector<std::uint32_t> ids;
    for (auto [e, end] = edges(g); e != end; ++e) {
        CHECK(source(*e, g) == from[e->id]);
        CHECK(target(*e, g) == to[e->id]);
        ids.push_back(get(get(boost::edge_index, g), *e));
    }
    CHECK(ids == std::vector<std::uint32_t>{0, 1, 2, 3, 4});
    std::vector<digraph::vertex> preds;
    for (auto [e, end] = in_edges(3u, g); e != end; ++e) preds.push_back(source(*e, g));
    CHECK(preds == std::vector<digraph::vertex>{1, 2, 2});
}

TEST_CASE("bgl.hierarchy.free_functions_match_the_tree") {
    //      0        4
    //    / | \      |
    //   1  2  3     5
    std::vector<unit_id> parent{no_id<unit_id>, unit_id{0}, unit_id{0}, unit_id{0}, no_id<unit_id>, unit_id{4}};
    unit_tree h(parent);
    CHECK(num_vertices(h) == 6);
    CHECK(num_edges(h) == 4);
    CHECK(out_degree(unit_id{0}, h) == 3);
    CHECK(out_degree(unit_id{1}, h) == 0);
    std::vector<std::uint32_t> positions;
    for (auto [e, end] = edges(h); e != end; ++e) {
        CHECK(source(*e, h) == h.parent(target(*e, h)));
        positions.push_back(get(boost::edge_index, h, *e));
    }
    CHECK(positions == std::vector<std::uint32_t>{0, 1, 2, 3});
    auto [a, b] = adjacent_vertices(unit_id{4}, h);
    REQUIRE(b - a == 1);
    CHECK(*a == unit_id{5});
    std::vector<unit_id> all(vertices(h).first, vertices(h).second);
    CHECK(all.size() == 6);
    CHECK(all.back() == unit_id{5});

    unit_tree empty;
    CHECK(num_vertices(empty) == 0);
    CHECK(num_edges(empty) == 0);
    CHECK(vertices(empty).first == vertices(empty).second);
    CHECK(edges(empty).first == edges(empty).second);
}

TEST_CASE("bgl.topological_sort.agrees_with_topological_order") {
    splitmix64 rng(2024);
    for (int round = 0; round < 30; ++round) {
        auto g = random_dag(rng, 1 + rng.below(200), rng.below(600));
        std::vector<digraph::vertex> bgl_order;
        boost::topological_sort(g, std::back_inserter(bgl_order));
        std::reverse(bgl_order.begin(), bgl_order.end());
        auto ours = topological_order(g);
        REQUIRE(ours.acyclic());
        REQUIRE(bgl_order.size() == ours.order.size());
        CHECK(respects_edges(g, bgl_order));
        CHECK(respects_edges(g, ours.order));
        auto sorted = bgl_order;
        std::sort(sorted.begin(), sorted.end());
        CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    }
}

TEST_CASE("bgl.topological_sort.rejects_a_cycle_that_ours_names") {
    std::vector<digraph::vertex> from{0, 1, 2}, to{1, 2, 0};
    digraph g(3, from, to);
    std::vector<digraph::vertex> order;
    CHECK_THROWS_AS(boost::topological_sort(g, std::back_inserter(order)), boost::not_a_dag);
    auto ours = topological_order(g);
    REQUIRE(ours.cycles.size() == 1);
    CHECK(ours.cycles.front().size() == 3);
}

TEST_CASE("bgl.dag_shortest_paths.longest_path_matches_a_sweep_in_our_order") {
    // Critical-path style: longest distance from a source, computed by BGL with negated weights
    // and by a relaxation sweep over our topological order.
    splitmix64 rng(99);
    for (int round = 0; round < 20; ++round) {
        auto g = random_dag(rng, 2 + rng.below(150), rng.below(500));
        std::vector<double> weight(num_edges(g));
        for (auto& w : weight) w = -static_cast<double>(rng.between(0, 20));
        const digraph::vertex start = rng.below(num_vertices(g));

        std::vector<double> bgl_dist(num_vertices(g));
        auto weights = boost::make_iterator_property_map(weight.begin(), get(boost::edge_index, g));
        auto dist = boost::make_iterator_property_map(bgl_dist.begin(), get(boost::vertex_index, g));
        boost::dag_shortest_paths(g, start, boost::distance_map(dist).weight_map(weights));

        const double inf = std::numeric_limits<double>::max();
        std::vector<double> ours(num_vertices(g), inf);
        ours[start] = 0;
        for (auto v : topological_order(g).order)
            if (ours[v] != inf)
                for (auto e : g.out_edges(v)) ours[g.target(e)] = std::min(ours[g.target(e)], ours[v] + weight[e]);
        CHECK(bgl_dist == ours);
    }
}

TEST_CASE("bgl.depth_first.finish_order_is_the_post_order") {
    splitmix64 rng(7);
    for (int round = 0; round < 30; ++round) {
        auto h = random_forest(rng, 1 + rng.below(300));
        std::vector<unit_id> finished;
        std::vector<boost::default_color_type> colour(num_vertices(h), boost::white_color);
        auto colours = boost::make_iterator_property_map(colour.begin(), get(boost::vertex_index, h));
        // One visit per root, roots in our order: the finish order is exactly our post-order.
        for (unit_id r : h.roots())
            boost::depth_first_visit(h, r, finish_recorder<unit_id>{{}, &finished}, colours);
        CHECK(std::equal(finished.begin(), finished.end(), h.post_order().begin(), h.post_order().end()));

        // Whole-graph search and topological sort: parents before children, every vertex once.
        std::vector<unit_id> order;
        boost::topological_sort(h, std::back_inserter(order));
        std::reverse(order.begin(), order.end());
        CHECK(order.size() == h.size());
        CHECK(respects_edges(h, order));
        std::vector<unit_id> dfs_finished;
        boost::depth_first_search(h, boost::visitor(finish_recorder<unit_id>{{}, &dfs_finished}));
        CHECK(dfs_finished.size() == h.size());
    }
}

TEST_CASE("bgl.breadth_first.distances_are_depths") {
    splitmix64 rng(11);
    for (int round = 0; round < 20; ++round) {
        auto h = random_forest(rng, 1 + rng.below(300));
        const unit_id root = h.roots().front();
        std::vector<std::uint32_t> dist(num_vertices(h), 0);
        auto d = boost::make_iterator_property_map(dist.begin(), get(boost::vertex_index, h));
        boost::breadth_first_search(h, root, boost::visitor(boost::make_bfs_visitor(
                                                  boost::record_distances(d, boost::on_tree_edge()))));
        const auto first = h.pre_position(root), size = h.subtree_size(root);
        for (auto i = first; i < first + size; ++i) {
            unit_id v = h.pre_order()[i];
            CHECK(dist[index(v)] == h.depth(v));
        }
    }
}

TEST_CASE("bgl.generated_model.graphs_work_at_scale") {
    generate_options o;
    o.provinces = 6;
    o.communes = 120;
    auto m = generate_model(o);
    auto deps = m.dependency_graph();
    std::vector<digraph::vertex> order;
    boost::topological_sort(deps, std::back_inserter(order));
    std::reverse(order.begin(), order.end());
    CHECK(order.size() == m.tasks().size());
    CHECK(respects_edges(deps, order));

    auto tasks = m.task_hierarchy();
    std::vector<task_id> finished;
    std::vector<boost::default_color_type> colour(num_vertices(tasks), boost::white_color);
    auto colours = boost::make_iterator_property_map(colour.begin(), get(boost::vertex_index, tasks));
    for (task_id r : tasks.roots()) boost::depth_first_visit(tasks, r, finish_recorder<task_id>{{}, &finished}, colours);
    CHECK(std::equal(finished.begin(), finished.end(), tasks.post_order().begin(), tasks.post_order().end()));
}
