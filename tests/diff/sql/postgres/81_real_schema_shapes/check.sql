select id, queue, job_stage(job) from job;
