-- Which department (課等) each employee belonged to, and when: the DX division's aggregates count
-- learning and attendance toward the department the employee was in at the time, so the April
-- transfers (人事異動) do not move last year's work to the new department.
--
-- One row per stay: [valid_from, valid_to), valid_to null for the current one. A trigger on
-- profiles keeps it: a profile's first department opens a stay from 2000-01-01 (the earliest
-- completion date a learning record may carry, so nothing recorded before the directory existed
-- falls outside every stay); a change of department_code closes the open stay and opens the next
-- one on the change's effective date — today in Asia/Tokyo, or the date the directory import
-- sets in `dxp.department_effective_from` for its transaction (a transfer entered ahead of 1 April).
-- Not replicated; the DX division reads it, nobody writes it but the trigger.

create table public.profile_department_history (
  employee_id uuid not null references public.profiles (id) on delete cascade,
  department_code text references public.departments (code),
  valid_from date not null,
  valid_to date,
  primary key (employee_id, valid_from),
  constraint profile_department_history_valid_range check (valid_to is null or valid_to > valid_from)
);
comment on table public.profile_department_history is
  '職員の所属の履歴（在籍期間 [valid_from, valid_to)）。集計は当時の所属に計上する / Department history of each employee ([valid_from, valid_to)); aggregates count work toward the department of the time';
comment on column public.profile_department_history.department_code is
  '在籍した課等（所属なしの期間は null） / The department of the stay, null while the employee had none';
comment on column public.profile_department_history.valid_to is
  '在籍の終了日（この日は含まない。現在の所属は null） / First day after the stay; null for the current one';
-- One open stay per employee.
create unique index profile_department_history_open_idx on public.profile_department_history (employee_id)
  where valid_to is null;
create index profile_department_history_department_idx on public.profile_department_history (department_code, valid_from);

alter table public.profile_department_history enable row level security;
create policy profile_department_history_select_dx_admin on public.profile_department_history
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.profile_department_history from anon, authenticated;

-- The effective date of a department change made in this transaction.
create function private.department_change_date() returns date
language plpgsql
stable
set search_path = ''
as $$
declare
  setting text := pg_catalog.current_setting('dxp.department_effective_from', true);
begin
  if setting is null or setting = '' then
    return private.tokyo_today();
  end if;
  return setting::date;
end
$$;
comment on function private.department_change_date() is
  '所属変更の発令日（dxp.department_effective_from、なければ東京の今日） / Effective date of a department change: dxp.department_effective_from, else today in Asia/Tokyo';

create function private.track_department() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  effective date;
begin
  if tg_op = 'INSERT' then
    insert into public.profile_department_history (employee_id, department_code, valid_from)
    values (new.id, new.department_code, date '2000-01-01');
    return new;
  end if;
  if new.department_code is not distinct from old.department_code then
    return new;
  end if;
  effective := greatest(private.department_change_date(), date '2000-01-01');
  -- Stays starting on or after the effective date are superseded (a correction of a planned transfer).
  delete from public.profile_department_history as h
    where h.employee_id = new.id and h.valid_from >= effective;
  update public.profile_department_history as h set valid_to = effective
    where h.employee_id = new.id
      and h.valid_from = (select max(x.valid_from) from public.profile_department_history as x
                          where x.employee_id = new.id);
  insert into public.profile_department_history (employee_id, department_code, valid_from)
  values (new.id, new.department_code, effective);
  return new;
end
$$;
comment on function private.track_department() is
  'profiles.department_code の変更を所属の履歴に記録するトリガー関数 / Trigger function that records department changes in profile_department_history';
revoke execute on function private.track_department() from public, anon, authenticated;
revoke execute on function private.department_change_date() from public, anon, authenticated;

create trigger profiles_track_department
  after insert or update of department_code on public.profiles
  for each row execute function private.track_department();

-- The department an employee belonged to on a date (null outside the directory's history).
create function private.department_on(employee uuid, on_date date) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select h.department_code from public.profile_department_history as h
  where h.employee_id = employee and h.valid_from <= on_date and (h.valid_to is null or on_date < h.valid_to)
$$;
comment on function private.department_on(uuid, date) is
  'その日に職員が在籍していた課等 / The department an employee belonged to on a date';
revoke execute on function private.department_on(uuid, date) from public, anon, authenticated;
