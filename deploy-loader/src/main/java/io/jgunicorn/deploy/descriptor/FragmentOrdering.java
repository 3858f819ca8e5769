package io.jgunicorn.deploy.descriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders web fragments as Servlet 6.1 section 8.2.2 describes. With {@code <absolute-ordering>} in
 * web.xml the listed names come in that order, {@code <others/>} stands for every fragment not
 * named, and fragments not covered are excluded. Otherwise each fragment's {@code <before>} and
 * {@code <after>} are honoured: named constraints strictly (a cycle is an error), {@code <others/>}
 * as a preference, ties broken by jar name order so the result is deterministic.
 */
public final class FragmentOrdering {

    private FragmentOrdering() {}

    /** The included fragments in the order their declarations, annotations and initializers apply. */
    public static List<Fragment> order(WebXml main, List<Fragment> fragments) throws DescriptorException {
        checkUniqueNames(fragments);
        if (main != null && main.absoluteOrdering != null) {
            return absolute(main.absoluteOrdering, fragments);
        }
        return relative(fragments);
    }

    private static void checkUniqueNames(List<Fragment> fragments) throws DescriptorException {
        Map<String, Fragment> seen = new HashMap<>();
        for (Fragment f : fragments) {
            Fragment other = f.name() == null ? null : seen.putIfAbsent(f.name(), f);
            if (other != null) {
                throw new DescriptorException("web fragment name '" + f.name() + "' is used by both " + other.jarName() + " and " + f.jarName());
            }
        }
    }

    static List<Fragment> absolute(List<String> names, List<Fragment> fragments) {
        Set<String> listed = new HashSet<>(names);
        List<Fragment> out = new ArrayList<>();
        for (String name : names) {
            if (name.equals(WebXml.OTHERS)) {
                fragments.stream().filter(f -> f.name() == null || !listed.contains(f.name())).forEach(out::add);
            } else {
                fragments.stream().filter(f -> name.equals(f.name())).findFirst().ifPresent(out::add);
            }
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** Kahn's algorithm over the named edges, always taking the ready fragment with the best (group, jar order). */
    static List<Fragment> relative(List<Fragment> fragments) throws DescriptorException {
        int n = fragments.size();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (fragments.get(i).name() != null) {
                byName.put(fragments.get(i).name(), i);
            }
        }
        List<Set<Integer>> successors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            successors.add(new HashSet<>());
        }
        int[] indegree = new int[n];
        for (int i = 0; i < n; i++) {
            WebXml x = fragments.get(i).xml();
            for (String b : x.before) {
                addEdge(successors, indegree, i, byName.get(b));
            }
            for (String a : x.after) {
                Integer from = byName.get(a);
                if (from != null) {
                    addEdge(successors, indegree, from, i);
                }
            }
        }
        return kahn(fragments, successors, indegree);
    }

    private static void addEdge(List<Set<Integer>> successors, int[] indegree, int from, Integer to) {
        if (to != null && to != from && successors.get(from).add(to)) {
            indegree[to]++;
        }
    }

    private static List<Fragment> kahn(List<Fragment> fragments, List<Set<Integer>> successors, int[] indegree) throws DescriptorException {
        int n = fragments.size();
        int[] rank = ranks(fragments, successors);
        boolean[] done = new boolean[n];
        List<Fragment> out = new ArrayList<>();
        for (int step = 0; step < n; step++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!done[i] && indegree[i] == 0 && (best < 0 || rank[i] < rank[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new DescriptorException("web fragment ordering has a cycle among: " + remaining(fragments, done));
            }
            done[best] = true;
            out.add(fragments.get(best));
            for (int s : successors.get(best)) {
                indegree[s]--;
            }
        }
        return out;
    }

    /**
     * Each fragment's preference group, adjusted along the named edges: what must precede a
     * before-others fragment is itself before the others, what must follow an after-others fragment
     * is itself after them. Bounded passes, as contradictory orderings could otherwise flip forever
     * (they surface as a cycle or an arbitrary but stable order).
     */
    private static int[] ranks(List<Fragment> fragments, List<Set<Integer>> successors) {
        int n = fragments.size();
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = group(fragments.get(i));
        }
        for (int pass = 0; pass <= n; pass++) {
            boolean changed = false;
            for (int from = 0; from < n; from++) {
                for (int to : successors.get(from)) {
                    if (rank[to] == 0 && rank[from] > 0) {
                        rank[from] = 0;
                        changed = true;
                    } else if (rank[from] == 2 && rank[to] < 2) {
                        rank[to] = 2;
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return rank;
    }

    /** 0: before others, 1: no preference, 2: after others. */
    private static int group(Fragment f) {
        if (f.xml().before.contains(WebXml.OTHERS)) {
            return 0;
        }
        return f.xml().after.contains(WebXml.OTHERS) ? 2 : 1;
    }

    private static List<String> remaining(List<Fragment> fragments, boolean[] done) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fragments.size(); i++) {
            if (!done[i]) {
                Fragment f = fragments.get(i);
                names.add(f.name() != null ? f.name() + " (" + f.jarName() + ")" : f.jarName());
            }
        }
        return names;
    }
}
