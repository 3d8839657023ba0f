package dev.transformers4j.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.core.Rng;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.io.Checkpoint;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.SafeTensors;
import dev.transformers4j.train.optim.Optimizer;
import dev.transformers4j.train.optim.OptimizerState;
import dev.transformers4j.train.optim.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of one {@code checkpoint-N} folder, everything a run needs to continue exactly:
 * <pre>
 *   config.json, model.safetensors          the model (savePretrained: loads in HF as it is)
 *   optimizer.safetensors, optimizer.json   moments/momentum buffers by parameter name; steps, hyper-parameters
 *   scheduler.json                          the schedule and its last step
 *   rng_state.json                          dropout generator; data-order generator, epoch and position
 *   trainer_state.json                      step, epoch, tokens seen, best metric, log history
 * </pre>
 */
final class TrainingCheckpoint {

    static final String SCHEDULER_FILE = "scheduler.json";
    static final String RNG_FILE = "rng_state.json";

    /** What a checkpoint restores besides the model and optimizer. */
    record Restored(TrainerState state, Sampler.State sampler) {
    }

    private TrainingCheckpoint() {
    }

    static void write(Path dir, PretrainedModel model, Optimizer optimizer, Object schedule, TrainerState state,
                      Sampler.State sampler) {
        model.savePretrained(dir);
        optimizer.state().save(dir);
        ObjectNode sched = ConfigJson.MAPPER.createObjectNode();
        sched.put("last_step", state.globalStep());
        if (schedule instanceof Schedule s) {
            sched.put("type", s.kind().hfName()).put("base_lr", s.baseLr()).put("warmup_steps", s.warmupSteps())
                    .put("total_steps", s.totalSteps()).put("d_model", s.dModel());
        } else {
            sched.put("type", "custom").put("class", schedule.getClass().getName());
        }
        ConfigJson.write(dir.resolve(SCHEDULER_FILE), sched);
        ObjectNode rng = ConfigJson.MAPPER.createObjectNode();
        rng.put("dropout_rng", Rng.global().state());
        rng.put("data_rng", sampler.rngState());
        rng.put("data_completed_epochs", sampler.completedEpochs());
        rng.put("data_position", sampler.position());
        ConfigJson.write(dir.resolve(RNG_FILE), rng);
        ConfigJson.write(dir.resolve(TrainerState.FILE), state.toJson());
    }

    /**
     * Checks that {@code dir} is a complete checkpoint of this model, loads the weights and the optimizer state,
     * restores the dropout generator and returns the trainer and data-order state.
     *
     * @throws CheckpointException naming the folder or file when the checkpoint is incomplete or belongs to a
     *                             model with another config
     */
    static Restored restore(Path dir, PretrainedModel model, Optimizer optimizer) {
        for (String f : List.of("config.json", "model.safetensors", OptimizerState.JSON_FILE,
                OptimizerState.TENSORS_FILE, RNG_FILE, TrainerState.FILE)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new CheckpointException(dir, "not a complete checkpoint: " + f + " is missing");
            }
        }
        ConfigGuard.requireSameConfig(model, dir);
        Path weights = dir.resolve("model.safetensors");
        try (SafeTensors st = SafeTensors.open(weights)) {
            List<String> missing = Checkpoint.load(model.module(), st, "");
            if (!missing.isEmpty()) {
                throw new CheckpointException(weights, "tensor '" + missing.get(0) + "' is missing");
            }
        }
        try {
            optimizer.loadState(OptimizerState.load(dir));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(OptimizerState.JSON_FILE), e.getMessage(), e);
        }
        ObjectNode rng = ConfigJson.readObject(dir.resolve(RNG_FILE));
        Rng.global().setState(rng.path("dropout_rng").asLong());
        Sampler.State sampler = new Sampler.State(rng.path("data_completed_epochs").asInt(),
                rng.path("data_position").asInt(), rng.path("data_rng").asLong());
        Path stateFile = dir.resolve(TrainerState.FILE);
        return new Restored(TrainerState.fromJson(ConfigJson.readObject(stateFile), stateFile), sampler);
    }
}
