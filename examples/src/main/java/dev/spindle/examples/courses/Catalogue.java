package dev.spindle.examples.courses;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.DistributedMap;
import dev.spindle.cluster.IdGenerator;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The course catalogue: courses in the {@link DistributedMap} {@value #MAP}, keyed by id. Every
 * change to a course is one {@link DistributedMap#update} on the member that owns it, so concurrent
 * enrolments from any node are applied one at a time and never exceed the capacity; a refused
 * change throws {@link Refused} there, reaches the caller and leaves the course as it was.
 */
public final class Catalogue {
    /** The cluster-wide map of courses. */
    public static final String MAP = "courses";

    private final DistributedMap<String, Course> courses;
    private final IdGenerator ids;

    /**
     * Opens the catalogue of {@code cluster}.
     *
     * @param cluster a member or client
     */
    public Catalogue(Cluster cluster) {
        this.courses = cluster.map(MAP);
        this.ids = cluster.idGenerator(MAP);
    }

    /**
     * Adds a course with a new id.
     *
     * @param title its title
     * @param capacity its capacity
     * @return the course
     * @throws IllegalArgumentException if the title or capacity is bad
     */
    public Course create(String title, int capacity) {
        Course course = new Course(Long.toString(ids.newId()), title, capacity, List.of());
        courses.set(course.id(), course);
        return course;
    }

    /**
     * Returns the course.
     *
     * @param id its id
     * @return the course, if there is one
     */
    public Optional<Course> get(String id) {
        return Optional.ofNullable(courses.get(id));
    }

    /**
     * Returns every course, by title.
     *
     * @return every course, by title (a snapshot)
     */
    public List<Course> list() {
        return courses.getAll(courses.keySet()).values().stream()
                .sorted(Comparator.comparing(Course::title).thenComparing(Course::id)).toList();
    }

    /**
     * Changes a course's title and capacity.
     *
     * @param id its id
     * @param title the new title
     * @param capacity the new capacity
     * @return the course
     * @throws Refused if there is no such course, or more students than {@code capacity}
     * @throws IllegalArgumentException if the title or capacity is bad
     */
    public Course revise(String id, String title, int capacity) {
        new Course(id, title, capacity, List.of()); // checks the input here, before the round trip
        return change(id, current -> exists(current, id).revise(title, capacity));
    }

    /**
     * Removes a course.
     *
     * @param id its id
     * @return whether there was one
     */
    public boolean delete(String id) {
        return courses.remove(id) != null;
    }

    /**
     * Enrols a student, if the course has room.
     *
     * @param id the course's id
     * @param student the student's id
     * @return the course with the student
     * @throws Refused if there is no such course, it is full, or the student is enrolled already
     */
    public Course enrol(String id, String student) {
        return change(id, current -> exists(current, id).enrol(student));
    }

    /**
     * Withdraws a student.
     *
     * @param id the course's id
     * @param student the student's id
     * @return the course without the student
     * @throws Refused if there is no such course or the student is not enrolled
     */
    public Course withdraw(String id, String student) {
        return change(id, current -> exists(current, id).withdraw(student));
    }

    private static Course exists(Course current, String id) {
        if (current == null) {
            throw new Refused(Refused.Reason.NO_SUCH_COURSE, "no course " + id);
        }
        return current;
    }

    /** Applies {@code fn} atomically on the owner; unwraps a {@link Refused} the engine may have wrapped. */
    private Course change(String id, DistributedMap.Update<Course> fn) {
        try {
            return courses.update(id, fn);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Refused refused) {
                    throw refused;
                }
            }
            throw e;
        }
    }
}
