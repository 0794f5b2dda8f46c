package io.switchback.buildlistener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The filters mapped to every path serve Spring MVC's servlet only: the edge's own servlet ({@link IngressServlet})
 * needs none of them. Spring's (request context, character encoding, form content, the HTTP server observation:
 * the edge times its own requests, {@link IngressTimers}) and Tomcat's WebSocket filter each ran on every edge
 * request, about a tenth of the request threads' sampled CPU (docs/decisions.md). Once the context has started, with
 * every filter mapped, each mapping to every path is replaced by one to Spring MVC's servlet, for the same dispatcher
 * types and in the same order; actuator, error pages and any other path Spring MVC serves keep their filters. A
 * filter meant for the edge's requests too must be mapped to its paths ({@code /v1/*}), not to every path.
 */
final class MvcOnlyFilters implements LifecycleListener {

    /** The name Spring Boot registers Spring MVC's servlet under. */
    static final String MVC_SERVLET = "dispatcherServlet";
    private static final String EVERY_PATH = "/*";

    private final Context context;

    MvcOnlyFilters(Context context) {
        this.context = context;
    }

    @Override
    public void lifecycleEvent(LifecycleEvent event) {
        if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
            remap();
        }
    }

    /** Every mapping removed, then added again in its order: a removed one added back alone would come last. */
    private void remap() {
        List<FilterMap> maps = new ArrayList<>(Arrays.asList(context.findFilterMaps()));
        maps.forEach(context::removeFilterMap);
        for (FilterMap map : maps) {
            context.addFilterMap(toEveryPath(map) ? toMvc(map) : map);
        }
    }

    private static boolean toEveryPath(FilterMap map) {
        return map.getServletNames().length == 0 && Arrays.asList(map.getURLPatterns()).equals(List.of(EVERY_PATH));
    }

    private static FilterMap toMvc(FilterMap map) {
        FilterMap mvc = new FilterMap();
        mvc.setFilterName(map.getFilterName());
        mvc.addServletName(MVC_SERVLET);
        for (String dispatcher : map.getDispatcherNames()) {
            mvc.setDispatcher(dispatcher);
        }
        return mvc;
    }
}
