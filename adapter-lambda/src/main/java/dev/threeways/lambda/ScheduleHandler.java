package dev.threeways.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.threeways.core.settle.Reconciler;
import dev.threeways.core.settle.Settlement;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EventBridge schedule's handler: the same reconcile job as Fargate's one-shot {@code settle}
 * task. The event's content does not matter (a scheduled rule or Scheduler's input), so it is read
 * as a plain map. Stuck payments are a result, not an error: the log line and the returned summary
 * say so, and an alarm on the log metric is the place to react.
 */
public final class ScheduleHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Reconciler reconciler;

    public ScheduleHandler() {
        this(new Reconciler(LambdaApp.get().app().ledger().store(), InstantSource.system(),
                LambdaApp.get().app().config().settleStuckAfter()));
    }

    ScheduleHandler(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Settlement settlement = reconciler.run();
        var result = new LinkedHashMap<String, Object>();
        result.put("at", settlement.at().toString());
        result.put("stuck", settlement.stuck().stream().map(p -> p.id()).toList());
        result.put("eventsLastDay", settlement.lastDay().events());
        result.put("capturedLastDay", settlement.lastDay().captured());
        result.put("refundedLastDay", settlement.lastDay().refunded());
        result.put("status", settlement.exitCode() == Settlement.OK ? "ok" : "stuck-payments");
        return result;
    }
}
