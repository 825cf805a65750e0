package dev.brevity.eval;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The dashboard's data: runs and their evaluations, as JSON. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

  @Inject EvalBoard board;

  /** Ids of the runs with evaluations. */
  @GET
  public List<String> runs() {
    return board.runs();
  }

  /** One run's evaluations, oldest policy version first. */
  @GET
  @Path("/{runId}/evals")
  public List<EvalPoint> evals(@PathParam("runId") String runId) {
    return board.points(runId);
  }
}
