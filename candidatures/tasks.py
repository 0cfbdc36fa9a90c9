from celery import shared_task

from . import import_jobs


@shared_task(name="candidatures.run_import", soft_time_limit=1200, time_limit=1260, ignore_result=True)
def run_import(job_id):
    return import_jobs.import_job_run(job_id=job_id)


@shared_task(name="candidatures.resume_imports", ignore_result=True)
def resume_imports():
    return import_jobs.import_jobs_resume()
