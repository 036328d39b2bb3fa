package dev.spindle.examples.courses;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A course in the catalogue, with its enrolments inside it, so that one atomic update of the
 * course's entry both checks the capacity and enrols.
 *
 * @param id the course's id
 * @param title its title
 * @param capacity how many students it takes (at least 1)
 * @param students the enrolled students' ids, in enrolment order (never more than {@code capacity})
 */
public record Course(String id, String title, int capacity, List<String> students) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The largest capacity a course may have. */
    public static final int MAX_CAPACITY = 100_000;

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public Course {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title is missing or blank");
        }
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " is outside 1.." + MAX_CAPACITY);
        }
        students = List.copyOf(students);
    }

    /**
     * Returns this course with {@code student} enrolled.
     *
     * @param student the student's id
     * @return the course with one more student
     * @throws Refused {@link Refused.Reason#ALREADY_ENROLLED} or {@link Refused.Reason#FULL}
     */
    Course enrol(String student) {
        if (students.contains(student)) {
            throw new Refused(Refused.Reason.ALREADY_ENROLLED, student + " is already enrolled in " + id);
        }
        if (students.size() >= capacity) {
            throw new Refused(Refused.Reason.FULL, id + " is full (" + capacity + " students)");
        }
        List<String> more = new ArrayList<>(students);
        more.add(student);
        return new Course(id, title, capacity, more);
    }

    /**
     * Returns this course without {@code student}.
     *
     * @param student the student's id
     * @return the course with one student fewer
     * @throws Refused {@link Refused.Reason#NOT_ENROLLED}
     */
    Course withdraw(String student) {
        if (!students.contains(student)) {
            throw new Refused(Refused.Reason.NOT_ENROLLED, student + " is not enrolled in " + id);
        }
        List<String> fewer = new ArrayList<>(students);
        fewer.remove(student);
        return new Course(id, title, capacity, fewer);
    }

    /**
     * Returns this course with a new title and capacity, its students kept.
     *
     * @param newTitle the title
     * @param newCapacity the capacity
     * @return the course
     * @throws Refused {@link Refused.Reason#FULL} if more students are enrolled than {@code newCapacity}
     */
    Course revise(String newTitle, int newCapacity) {
        if (students.size() > newCapacity) {
            throw new Refused(Refused.Reason.FULL, id + " has " + students.size() + " students, more than "
                    + newCapacity);
        }
        return new Course(id, newTitle, newCapacity, students);
    }
}
