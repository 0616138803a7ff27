package dev.threeways.lambdalocal;

import dev.threeways.lambdalocal.handlers.ScriptedHandler;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        try (LambdaLocal fn = TestFunctions.function(ScriptedHandler.class).build()) {
            for (int i = 0; i < 3; i++) {
                InvokeResult r = fn.invoke("{\"action\":\"describe\"}");
                System.out.println(r);
                System.out.println(r.payloadUtf8());
                System.out.println(r.logs());
            }
            System.out.println(fn.environmentLog("env-1"));
            System.out.println(fn.invoke("{\"action\":\"throw\",\"message\":\"x\"}"));
            System.out.println(fn.invoke("{\"action\":\"exit\",\"status\":3}"));
            System.out.println(fn.invoke("{\"action\":\"describe\"}"));
        }
    }
}
