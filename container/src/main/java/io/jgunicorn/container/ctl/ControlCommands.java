package io.jgunicorn.container.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control commands, run on the arbiter's loop:
 * {@code show workers|stats|config|deployments|listeners|all}, {@code reload}, {@code reopen},
 * {@code shutdown [graceful|quick]}, {@code worker add [N]|remove [N]|kill PID} (N defaults to 1,
 * as in Gunicorn's gunicornc), {@code help}.
 */
public final class ControlCommands {

    static final String USAGE = "commands: show workers|stats|config|deployments|listeners|all, reload, reopen, "
            + "shutdown [graceful|quick], worker add [N]|remove [N]|kill PID, help";

    private ControlCommands() {}

    public static void answer(ControlRequest req, ControlTarget arbiter) {
        try {
            req.answer().complete(ok(run(req.words(), arbiter)));
        } catch (IllegalArgumentException e) {
            req.answer().complete(Map.of("ok", false, "error", e.getMessage()));
        } catch (RuntimeException e) {
            req.answer().complete(Map.of("ok", false, "error", e.toString()));
        }
    }

    private static Map<String, Object> ok(Object result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("result", result);
        return m;
    }

    private static Object run(List<String> w, ControlTarget a) {
        if (!w.isEmpty() && w.getFirst().equals("shutdown")) {
            String mode = w.size() > 1 ? w.get(1) : "graceful";
            if (!mode.equals("graceful") && !mode.equals("quick")) {
                throw new IllegalArgumentException("shutdown takes graceful or quick, not '" + mode + "'");
            }
            return a.requestShutdown(mode.equals("graceful"));
        }
        String cmd = String.join(" ", w.subList(0, Math.min(2, w.size())));
        return switch (cmd) {
            case "show workers" -> a.workersView();
            case "show stats" -> a.stats();
            case "show config" -> a.configView();
            case "show deployments" -> a.deploymentsView();
            case "show listeners" -> a.stats().get("listeners");
            case "show all" -> all(a);
            case "help" -> USAGE;
            case "reload" -> a.requestReload();
            case "reopen" -> a.reopenLogs();
            case "worker add" -> a.changeWorkers(w.size() == 2 ? 1 : number(w), +1);
            case "worker remove" -> a.changeWorkers(w.size() == 2 ? 1 : number(w), -1);
            case "worker kill" -> a.killWorker(number(w));
            default -> throw new IllegalArgumentException("unknown command '" + String.join(" ", w) + "'; " + USAGE);
        };
    }

    /** {@code show all}: stats, listeners and workers (and deployments, with a deploy directory) in one answer. */
    private static Map<String, Object> all(ControlTarget a) {
        Map<String, Object> m = new LinkedHashMap<>(a.stats());
        m.put("workers", a.workersView());
        try {
            m.put("deployments", a.deploymentsView());
        } catch (IllegalArgumentException noDeployDirectory) {
            // nothing to show
        }
        return m;
    }

    private static long number(List<String> w) {
        if (w.size() < 3) {
            throw new IllegalArgumentException("'" + String.join(" ", w) + "' needs a number");
        }
        try {
            long n = Long.parseLong(w.get(2));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + w.get(2) + "' is not a positive number");
        }
    }
}
