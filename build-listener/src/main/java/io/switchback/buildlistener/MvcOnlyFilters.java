package io.switchback.buildlistener;

import java.util.Arrays;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;

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
        List<FilterMap> maps = List.of(context.findFilterMaps());
        maps.forEach(context::removeFilterMap);
        for (FilterMap map : maps) {
            context.addFilterMap(mappedToEveryPath(map) ? toMvc(map) : map);
        }
    }

    private static boolean mappedToEveryPath(FilterMap map) {
        return map.getServletNames().length == 0 && Arrays.asList(map.getURLPatterns()).equals(List.of(EVERY_PATH));
    }

    private static FilterMap toMvc(FilterMap map) {
        FilterMap mvc = new FilterMap();
        mvc.setFilterName(map.getFilterName());
        // Spring Boot registers its DispatcherServlet under its bean's name
        mvc.addServletName(DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME);
        for (String dispatcher : map.getDispatcherNames()) {
            mvc.setDispatcher(dispatcher);
        }
        return mvc;
    }
}
