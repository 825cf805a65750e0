package dev.brevity.evalservice;

import dev.brevity.evalservice.DashboardViews.EvalPoint;
import dev.brevity.evalservice.DashboardViews.InspectedProblem;
import dev.brevity.evalservice.DashboardViews.ProblemEntry;
import dev.brevity.evalservice.DashboardViews.RunDetail;
import dev.brevity.evalservice.DashboardViews.RunSummary;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The dashboard's data, read-only: runs, a run's details and traces, and a live change feed. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

  /** A change notice: the dashboard's revision, and records it could not read. */
  public record Change(long revision, long unreadableRecords) {}

  @Inject EvalService service;

  /** Every run, the most recently submitted first. */
  @GET
  @Path("/runs")
  public List<RunSummary> runs() {
    return service.dashboard().runs();
  }

  /** Everything the run page shows. */
  @GET
  @Path("/runs/{runId}")
  public RunDetail run(@PathParam("runId") String runId) {
    return service
        .dashboard()
        .detail(runId)
        .orElseThrow(() -> new NotFoundException("no run " + runId));
  }

  /** A run's evaluations by policy version (version 0: the reference, and budget forcing). */
  @GET
  @Path("/runs/{runId}/evals")
  public List<EvalPoint> evals(@PathParam("runId") String runId) {
    return service.dashboard().evals(runId);
  }

  /** The trace inspector's problems (without the traces' texts). */
  @GET
  @Path("/runs/{runId}/problems")
  public List<ProblemEntry> problems(@PathParam("runId") String runId) {
    return service.dashboard().problems(runId);
  }

  /** One problem: the reference's trace and the newest version's. */
  @GET
  @Path("/runs/{runId}/problems/{problemId}")
  public InspectedProblem problem(
      @PathParam("runId") String runId, @PathParam("problemId") String problemId) {
    return service
        .dashboard()
        .problem(runId, problemId)
        .orElseThrow(() -> new NotFoundException("no problem " + problemId + " in run " + runId));
  }

  /** Server-sent events: a notice whenever the dashboard changes (checked twice a second). */
  @GET
  @Path("/changes")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<Change> changes() {
    Dashboard dashboard = service.dashboard();
    return Multi.createFrom()
        .ticks()
        .every(Duration.ofMillis(500))
        .map(tick -> new Change(dashboard.revision(), dashboard.unreadableRecords()))
        .skip()
        .repetitions();
  }
}
