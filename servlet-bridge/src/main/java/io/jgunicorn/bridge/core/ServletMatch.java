package io.jgunicorn.bridge.core;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.MappingMatch;

/** The servlet a path maps to, with the servlet path, path info and mapping the spec defines for it. */
public record ServletMatch(ServletHolder servlet, String servletPath, String pathInfo, HttpServletMapping mapping) {

    /** A named dispatch: no path of its own. */
    public static ServletMatch named(ServletHolder servlet) {
        return new ServletMatch(servlet, null, null, null);
    }

    record Mapping(String getMatchValue, String getPattern, String getServletName, MappingMatch getMappingMatch)
            implements HttpServletMapping {
        @Override
        public String toString() {
            return "HttpServletMapping[" + getMappingMatch + " " + getPattern + " " + getMatchValue + " " + getServletName + "]";
        }
    }
}
