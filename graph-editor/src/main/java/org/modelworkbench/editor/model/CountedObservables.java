package org.modelworkbench.editor.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectPropertyBase;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * The model's observables, each keeping a list of the listeners added to it, so that
 * {@link EditorModel#listenerCount()} tells how many followers are attached (the lists mirror what
 * JavaFX holds: a listener is removed once per matching {@code removeListener}, by equality).
 */
final class CountedObservables {
    private CountedObservables() {
    }

    /** The listeners of one observable, by kind. */
    static final class Tally {
        private final List<Object> invalidation = new ArrayList<>();
        private final List<Object> change = new ArrayList<>();

        void addInvalidation(Object l) {
            invalidation.add(l);
        }

        void removeInvalidation(Object l) {
            invalidation.remove(l);
        }

        void addChange(Object l) {
            change.add(l);
        }

        void removeChange(Object l) {
            change.remove(l);
        }

        int count() {
            return invalidation.size() + change.size();
        }
    }

    /** A writable property that counts its listeners. */
    static final class Property<T> extends SimpleObjectProperty<T> {
        private final Tally tally = new Tally();

        Property(Object bean, String name, T initial) {
            super(bean, name, initial);
        }

        @Override
        public void addListener(InvalidationListener listener) {
            super.addListener(listener);
            tally.addInvalidation(listener);
        }

        @Override
        public void removeListener(InvalidationListener listener) {
            super.removeListener(listener);
            tally.removeInvalidation(listener);
        }

        @Override
        public void addListener(ChangeListener<? super T> listener) {
            super.addListener(listener);
            tally.addChange(listener);
        }

        @Override
        public void removeListener(ChangeListener<? super T> listener) {
            super.removeListener(listener);
            tally.removeChange(listener);
        }

        int listenerCount() {
            return tally.count();
        }
    }

    /**
     * A value only the model sets, with a read-only face for everyone else (what
     * {@code ReadOnlyObjectWrapper} does, plus the count): the face fires whenever the value does.
     */
    static final class ReadOnlyValue<T> extends SimpleObjectProperty<T> {
        private final Face face = new Face();

        ReadOnlyValue(Object bean, String name) {
            super(bean, name);
        }

        ReadOnlyObjectPropertyBase<T> readOnly() {
            return face;
        }

        @Override
        protected void fireValueChangedEvent() {
            super.fireValueChangedEvent();
            face.fire();
        }

        int listenerCount() {
            return face.tally.count();
        }

        private final class Face extends ReadOnlyObjectPropertyBase<T> {
            private final Tally tally = new Tally();

            void fire() {
                fireValueChangedEvent();
            }

            @Override
            public T get() {
                return ReadOnlyValue.this.get();
            }

            @Override
            public Object getBean() {
                return ReadOnlyValue.this.getBean();
            }

            @Override
            public String getName() {
                return ReadOnlyValue.this.getName();
            }

            @Override
            public void addListener(InvalidationListener listener) {
                super.addListener(listener);
                tally.addInvalidation(listener);
            }

            @Override
            public void removeListener(InvalidationListener listener) {
                super.removeListener(listener);
                tally.removeInvalidation(listener);
            }

            @Override
            public void addListener(ChangeListener<? super T> listener) {
                super.addListener(listener);
                tally.addChange(listener);
            }

            @Override
            public void removeListener(ChangeListener<? super T> listener) {
                super.removeListener(listener);
                tally.removeChange(listener);
            }
        }
    }

    /** An observable set that counts its listeners (everything else is the wrapped set's). */
    static final class CountingSet<E> implements ObservableSet<E> {
        private final ObservableSet<E> set;
        private final Tally tally = new Tally();

        CountingSet(ObservableSet<E> set) {
            this.set = set;
        }

        int listenerCount() {
            return tally.count();
        }

        @Override
        public void addListener(SetChangeListener<? super E> listener) {
            set.addListener(listener);
            tally.addChange(listener);
        }

        @Override
        public void removeListener(SetChangeListener<? super E> listener) {
            set.removeListener(listener);
            tally.removeChange(listener);
        }

        @Override
        public void addListener(InvalidationListener listener) {
            set.addListener(listener);
            tally.addInvalidation(listener);
        }

        @Override
        public void removeListener(InvalidationListener listener) {
            set.removeListener(listener);
            tally.removeInvalidation(listener);
        }

        @Override
        public int size() {
            return set.size();
        }

        @Override
        public boolean isEmpty() {
            return set.isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return set.contains(o);
        }

        @Override
        public Iterator<E> iterator() {
            return set.iterator();
        }

        @Override
        public Object[] toArray() {
            return set.toArray();
        }

        @Override
        public <A> A[] toArray(A[] a) {
            return set.toArray(a);
        }

        @Override
        public boolean add(E e) {
            return set.add(e);
        }

        @Override
        public boolean remove(Object o) {
            return set.remove(o);
        }

        @Override
        public boolean containsAll(Collection<?> c) {
            return set.containsAll(c);
        }

        @Override
        public boolean addAll(Collection<? extends E> c) {
            return set.addAll(c);
        }

        @Override
        public boolean retainAll(Collection<?> c) {
            return set.retainAll(c);
        }

        @Override
        public boolean removeAll(Collection<?> c) {
            return set.removeAll(c);
        }

        @Override
        public void clear() {
            set.clear();
        }

        @Override
        public boolean equals(Object o) {
            return o == this || (o instanceof Set<?> s && set.equals(s));
        }

        @Override
        public int hashCode() {
            return set.hashCode();
        }

        @Override
        public String toString() {
            return set.toString();
        }
    }
}
